import { defineBackground } from '#imports';

export default defineBackground(() => {
  // Sync and messaging are wired here (issue: sync). The worker stays thin: it delegates to lib/.
});
