import { logGamma } from './log-gamma';

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0: its series
 * below x = a + 1, else one minus the continued fraction of Q (modified Lentz), each to about 1e-14.
 */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, Math.exp(front) * sum);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(front) * h);
}

/** The x with P(a, x) = p, by bisection on a bracket that doubles until it holds the root. */
function gammaQuantile(a: number, p: number): number {
  let lo = 0;
  let hi = Math.max(1, a);
  while (gammaP(a, hi) < p) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Garwood) confidence interval for a Poisson rate: `count` events in `exposure` units of time
 * (days, say) give the rate per unit `[G(α/2; count) / exposure, G(1 − α/2; count + 1) / exposure]`, G the
 * quantile of the gamma distribution of unit scale (the chi-square form ½ χ²(2k) of the textbooks). Conservative:
 * its coverage is at least `level`. The lower bound is 0 when `count` is 0. `null` when `exposure` is not
 * positive.
 *
 * @example
 * poissonInterval(0, 1)  //=> { lower: 0, upper: 3.68887945411370… }  (−ln 0.025)
 * poissonInterval(10, 5) //=> { lower: 0.9590…, upper: 3.6781… }  (4.7954 / 5, 18.3904 / 5)
 */
export function poissonInterval(count: number, exposure: number, level = 0.95): { lower: number; upper: number } | null {
  if (!(exposure > 0) || count < 0) return null;
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : gammaQuantile(count, alpha / 2);
  const upper = gammaQuantile(count + 1, 1 - alpha / 2);
  return { lower: lower / exposure, upper: upper / exposure };
}
