import { defineContentScript } from '#imports';

export default defineContentScript({
  matches: ['https://*.octopus.app/*'],
  main() {},
});
