import { render } from 'preact';
import { InsightsApp } from './InsightsApp';
import './style.css';

render(<InsightsApp />, document.getElementById('app')!);
