import '@/components/theme.css';
import './popup.css';
import { render } from 'preact';
import { App } from './App';

performance.mark('dora-lens:script');

render(<App />, document.getElementById('app')!);
