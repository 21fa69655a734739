import { render } from 'preact';
import { InsightsApp } from './InsightsApp';

render(<InsightsApp />, document.getElementById('app')!);
