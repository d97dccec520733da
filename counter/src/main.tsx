import { render } from 'preact';
import '../../shared/ui/base.css';
import './counter.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app')!);
