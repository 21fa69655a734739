/**
 * Light/dark theme. The resolved theme is always written to `<html data-theme>` (and CSS sets
 * `color-scheme` from it) so embedded content can read which theme the host shows. Without a saved
 * choice the theme follows the OS setting, live.
 */
const STORAGE_KEY = 'theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set();

export function savedTheme() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'dark' || value === 'light' ? value : undefined;
  } catch {
    return undefined; // storage can be disabled by browser policy
  }
}

export function currentTheme() {
  return savedTheme() ?? (media.matches ? 'dark' : 'light');
}

function apply() {
  const theme = currentTheme();
  document.documentElement.setAttribute('data-theme', theme);
  for (const listener of listeners) listener(theme);
}

export function setTheme(theme) {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // still switch for this page view
  }
  apply();
}

export function onThemeChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function initTheme() {
  apply();
  media.addEventListener('change', () => {
    if (!savedTheme()) apply();
  });
  // Another tab changed the saved theme.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) apply();
  });
}
