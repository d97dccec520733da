import { render } from 'preact';
import '../../shared/ui/base.css';

render(<main />, document.getElementById('app')!);
