import { render } from 'preact';
import '../../shared/ui/base.css';
import './phone.css';
import './book.css';
import { BookApp } from './book-app.tsx';

render(<BookApp />, document.getElementById('app')!);
