import { svg } from './dom.js';

export function logoMark(className = 'brand-logo') {
  // A stylised octopus: head and four tentacles.
  return svg('0 0 32 32', className, [
    ['ellipse', { cx: 16, cy: 12, rx: 9, ry: 9 }],
    ['path', { d: 'M8 17c-2 5-5 7-6 9M12 19c-1 4-2 7-4 10M20 19c1 4 2 7 4 10M24 17c2 5 5 7 6 9', fill: 'none', 'stroke-width': 3, 'stroke-linecap': 'round' }],
  ]);
}

export function chevron() {
  return svg('0 0 16 16', 'chevron', [['path', { d: 'M4 6l4 4 4-4', fill: 'none', 'stroke-width': 1.8 }]]);
}
