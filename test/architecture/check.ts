/**
 * `npm run lint` runs this: the layout's rules (./rules.ts) over lib/, components/ and entrypoints/. Exits
 * non-zero on any violation, printing each with its rule and why the rule exists.
 */
import { fileURLToPath } from 'node:url';
import { readModules } from './graph';
import { checkArchitecture, RULES } from './rules';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modules = readModules(root);
const { violations, staleExceptions } = checkArchitecture(modules);

for (const key of staleExceptions) console.warn(`architecture: test/architecture/sizes.ts lists ${key}, which is no longer over the limit (or no longer there): take it off the list.`);
if (violations.length === 0) {
  console.log(`architecture: ${modules.length} modules follow the layout's rules.`);
} else {
  const byRule = new Map<keyof typeof RULES, typeof violations>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  for (const [rule, found] of byRule) {
    console.error(`\n✗ ${rule}: ${RULES[rule]}`);
    for (const v of found) console.error(`  ${v.where}  ${v.message}`);
  }
  console.error(`\narchitecture: ${violations.length} ${violations.length === 1 ? 'violation' : 'violations'} of the layout's rules (test/architecture/).`);
  process.exitCode = 1;
}
