import { render } from 'preact';
import '../../shared/ui/base.css';
import './display.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app')!);
