import { render } from 'preact';
import '../../shared/ui/base.css';
import './phone.css';
import { TicketApp } from './ticket-app.tsx';

render(<TicketApp />, document.getElementById('app')!);
