/**
 * Generated class names, like the real portal's CSS-in-JS output (`css-1b2x7k0`, `_3kx9a`).
 *
 * app.css is authored with readable class names; at boot every class selector in it is rewritten to
 * its generated name, and the DOM only ever carries generated names. Changing BUILD_VERSION changes
 * every name, as a new Octopus release would, so nothing outside this mimic can key on them.
 * Rewriting through the CSSOM keeps a strict CSP (no inline <style>, no style attributes).
 */
export const BUILD_VERSION = '2025.2.9187';

const generated = new Map();
const owners = new Map();

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The generated class for a readable name; several names separated by spaces give several classes. */
export function cls(names) {
  return String(names)
    .split(/\s+/)
    .filter(Boolean)
    .map(one)
    .join(' ');
}

function one(name) {
  let out = generated.get(name);
  if (out) return out;
  const hash = fnv1a(`${BUILD_VERSION}:${name}`);
  // Two schemes coexist in the real portal (emotion and CSS modules); mimic both.
  out = hash & 1 ? `css-${hash.toString(36)}` : `_${(hash >>> 3).toString(36).slice(0, 5)}`;
  const clash = owners.get(out);
  if (clash && clash !== name) throw new Error(`class name clash: ${name} and ${clash}; change BUILD_VERSION`);
  owners.set(out, name);
  generated.set(name, out);
  return out;
}

/** Rewrites the class selectors of the stylesheet linked from `href` to their generated names. */
export async function mangleStylesheet(href) {
  const link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) =>
    l.href.endsWith(href),
  );
  if (!link) return;
  if (!link.sheet) {
    await new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    });
  }
  if (link.sheet) rewriteRules(link.sheet.cssRules);
}

function rewriteRules(rules) {
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule) {
      rule.selectorText = rule.selectorText.replace(/\.(-?[A-Za-z_][\w-]*)/g, (_, name) => `.${one(name)}`);
    }
    // @media, @supports and @layer blocks hold their own rules.
    if (rule.cssRules) rewriteRules(rule.cssRules);
  }
}
