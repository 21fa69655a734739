import { render } from 'preact';
import { InsightsApp } from './InsightsApp';
import './style.css';
import './print.css';

render(<InsightsApp />, document.getElementById('app')!);
