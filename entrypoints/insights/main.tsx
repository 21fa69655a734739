import { render } from 'preact';
import { InsightsApp } from './InsightsApp';
import './style.css';
import './print.css';

// For `npm run bench:sync`'s breakdown of a warm panel's first chart: the page's code loaded and running.
performance.mark('dora-lens:script');
render(<InsightsApp />, document.getElementById('app')!);
