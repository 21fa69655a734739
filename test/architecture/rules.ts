/**
 * The layout's rules as checks over the modules' imports (./graph.ts). Each violation names its rule and
 * why the rule exists, so whoever breaks one reads what to do instead. Pure: modules in, violations out, so
 * the rules themselves are unit-tested (test/unit/architecture/).
 */
import ts from 'typescript';
import type { Import, Module } from './graph';
import { BROWSER_PACKAGES, COMPONENTS_USE, PARTS, UI_PACKAGES } from './parts';
import { LONG_FUNCTIONS, MAX_FILE_LINES, MAX_FUNCTION_LINES } from './sizes';

export const RULES = {
  'lib-parts': 'Every file of lib/ belongs to one part whose name says its job (declared with what it may use in test/architecture/parts.ts).',
  'one-way': 'Dependencies point one way: entrypoints → components → lib. lib/ knows nothing of components or entrypoints, components nothing of entrypoints, an entrypoint nothing of another.',
  'part-uses': 'Each part of lib/ builds only on the parts it names in test/architecture/parts.ts, so the parts stay one-way and each reads on its own.',
  'no-part-cycles': 'No two parts of lib/ depend on each other, directly or around a circle: one of them would not be understandable without the other.',
  'components-presentational':
    'Components are presentational — props in, JSX out: they import only the pure parts of lib/ (and lib/host/server-url.ts), never lib/sync, lib/store, lib/octopus, lib/trust, lib/ui, nor browser storage or APIs, even through another module. The pages’ hooks (lib/ui) hand them their data.',
  'pure-parts': 'The pure parts of lib/ (lib/metrics, lib/export, the settings, display, chart, panel, report and summary models, the message types) reach no browser API, storage or UI runtime, even through another module (type imports aside): they are computed and tested in Node.',
  'metrics-export-alone': 'lib/metrics and lib/export are pure functions over normalised facts: no other part of lib/ (lib/export reads lib/metrics’ rows), no Octopus JSON, no validation (zod belongs at the boundaries).',
  'host-no-store-sync': 'lib/host runs in the Octopus page (the content script): the cache and the sync belong to the extension’s own origin (DESIGN.md decision 1), so lib/host never imports lib/store or lib/sync.',
  'store-no-sync': 'lib/store is what the sync writes into, never its driver: lib/store never imports lib/sync.',
  'octopus-alone': 'lib/octopus knows nothing of store, sync or UI: the API client stands on its own (another server’s adapter can take its place, DESIGN.md decision 8); it uses only the server’s web addresses (lib/host/server-url.ts).',
  'octopus-knowledge': 'Only lib/octopus and lib/host know Octopus: its REST API is used only through lib/octopus, by lib/sync, and its web-app routes and API paths are spelled only in lib/octopus and lib/host.',
  'pages-ask-the-worker':
    'Pages never talk to Octopus: an extension frame inside the Octopus page gets no cookies (DESIGN.md decision 2), so pages ask the worker (lib/messages). No page code — components, lib/ui, the insights, popup and options entrypoints — may reach lib/octopus or the sync’s worker side, even through another module.',
  'host-dom-in-lib-host': 'Only lib/host reads or changes the Octopus page (its DOM, address, history and geometry), beside its fixture tests (DESIGN.md decision 3): the content script’s entry only hands it what the extension knows.',
  'hooks-in-lib-ui': 'Hooks live in one place, lib/ui: components stay presentational and entrypoints thin.',
  'file-size': `Files in components/ and entrypoints/ stay under ${MAX_FILE_LINES} lines: a longer one does more than one job.`,
  'function-size': `Product functions stay under ${MAX_FUNCTION_LINES} lines; the few longer ones (hot loops, step machines) are listed with why in test/architecture/sizes.ts.`,
} as const;

export type RuleId = keyof typeof RULES;

export interface Violation {
  rule: RuleId;
  /** `file:line`. */
  where: string;
  message: string;
}

/** `lib/<part>/…` → the part; `lib/x.ts` → `''` (no part); anything else → undefined. */
export function partOf(path: string): string | undefined {
  const [top, part, ...rest] = path.split('/');
  if (top !== 'lib') return undefined;
  return rest.length === 0 ? '' : part;
}

/** `entrypoints/popup/App.tsx` → `popup`; `entrypoints/background.ts` → `background`. */
const entrypointOf = (path: string): string | undefined => (path.startsWith('entrypoints/') ? path.split('/')[1].replace(/\.(ts|tsx)$/, '') : undefined);

const PAGE_ENTRYPOINTS = ['insights', 'popup', 'options'];
const isPageCode = (path: string) => path.startsWith('components/') || path.startsWith('lib/ui/') || PAGE_ENTRYPOINTS.includes(entrypointOf(path) ?? '');
/** What pages may read of lib/sync: the records the worker writes for them, and the checkpoint they find in the cache. */
const PAGE_SYNC_FILES = ['lib/sync/status.ts', 'lib/sync/checkpoint.ts'];
const isWorkerSide = (path: string) => path.startsWith('lib/octopus/') || (path.startsWith('lib/sync/') && !PAGE_SYNC_FILES.includes(path));

const matchesPackage = (target: string, packages: readonly string[]) => packages.includes(target);
const at = (module: Module, line: number) => `${module.path}:${line}`;

/** Rules about one import, most specific first; undefined when the import is allowed. */
function importViolation(module: Module, imp: Import): Violation | undefined {
  const from = module.path;
  const where = at(module, imp.line);
  const v = (rule: RuleId, message: string): Violation => ({ rule, where, message });
  const fromPart = partOf(from);
  const toPart = imp.local ? partOf(imp.target) : undefined;

  if (from.startsWith('lib/') && imp.local && (imp.target.startsWith('components/') || imp.target.startsWith('entrypoints/'))) return v('one-way', `${from} imports ${imp.target}`);
  if (from.startsWith('components/') && imp.local && imp.target.startsWith('entrypoints/')) return v('one-way', `${from} imports ${imp.target}`);
  const fromEntry = entrypointOf(from);
  const toEntry = imp.local ? entrypointOf(imp.target) : undefined;
  if (fromEntry && toEntry && fromEntry !== toEntry) return v('one-way', `${from} imports ${imp.target}, another entrypoint’s`);

  if (from.startsWith('components/')) {
    if (!imp.local && matchesPackage(imp.target, BROWSER_PACKAGES)) return v('components-presentational', `${from} imports ${imp.specifier}`);
    if (toPart !== undefined && !COMPONENTS_USE.some((allowed) => imp.target.startsWith(`lib/${allowed}`))) return v('components-presentational', `${from} imports ${imp.target}`);
    return undefined;
  }
  if (fromPart === undefined || fromPart === '') return undefined;

  if (fromPart === 'metrics' || fromPart === 'export') {
    if (!imp.local && imp.target === 'zod') return v('metrics-export-alone', `${from} imports zod`);
    if (toPart !== undefined && toPart !== fromPart && !(fromPart === 'export' && toPart === 'metrics')) return v('metrics-export-alone', `${from} imports ${imp.target}`);
  }
  if (fromPart === 'host' && (toPart === 'store' || toPart === 'sync')) return v('host-no-store-sync', `${from} imports ${imp.target}`);
  if (fromPart === 'store' && toPart === 'sync') return v('store-no-sync', `${from} imports ${imp.target}`);
  if (fromPart === 'octopus' && toPart !== undefined && toPart !== 'octopus' && imp.target !== 'lib/host/server-url.ts') return v('octopus-alone', `${from} imports ${imp.target}`);
  if (toPart === 'octopus' && fromPart !== 'octopus' && fromPart !== 'sync') return v('octopus-knowledge', `${from} imports ${imp.target}: only lib/sync uses Octopus’s API`);
  if (toPart !== undefined && toPart !== fromPart && PARTS[fromPart] && !PARTS[fromPart].uses.includes(toPart) && !(fromPart === 'octopus' && imp.target === 'lib/host/server-url.ts')) {
    return v('part-uses', `${from} imports ${imp.target}: lib/${fromPart} may use only ${PARTS[fromPart].uses.map((p) => `lib/${p}`).join(', ') || 'itself'}`);
  }
  return undefined;
}

/** Shortest chain of value imports from `start` to a module or package that `bad` picks, if any. */
function valuePath(start: string, byPath: Map<string, Module>, bad: (imp: Import) => boolean): string[] | undefined {
  const previous = new Map<string, string>([[start, '']]);
  const queue = [start];
  while (queue.length) {
    const path = queue.shift()!;
    for (const imp of byPath.get(path)?.imports ?? []) {
      if (imp.typeOnly) continue;
      if (bad(imp)) {
        const chain = [imp.local ? imp.target : imp.specifier];
        for (let p = path; p; p = previous.get(p)!) chain.unshift(p);
        return chain;
      }
      if (imp.local && byPath.has(imp.target) && !previous.has(imp.target)) {
        previous.set(imp.target, path);
        queue.push(imp.target);
      }
    }
  }
  return undefined;
}

function reachViolations(modules: Module[]): Violation[] {
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const out: Violation[] = [];
  for (const m of modules) {
    const part = partOf(m.path);
    const pure = part !== undefined && PARTS[part]?.pure;
    if (pure || m.path.startsWith('components/')) {
      const packages = pure ? [...BROWSER_PACKAGES, ...UI_PACKAGES] : BROWSER_PACKAGES;
      const chain = valuePath(m.path, byPath, (imp) => !imp.local && matchesPackage(imp.target, packages));
      // A direct import of a component's own is reported once, by the import rules.
      if (chain && chain.length > 2) out.push({ rule: pure ? 'pure-parts' : 'components-presentational', where: m.path, message: `reaches ${chain.at(-1)} through ${chain.join(' → ')}` });
      else if (chain && pure) out.push({ rule: 'pure-parts', where: m.path, message: `imports ${chain.at(-1)}` });
    }
    if (isPageCode(m.path)) {
      const chain = valuePath(m.path, byPath, (imp) => imp.local && isWorkerSide(imp.target));
      if (chain) out.push({ rule: 'pages-ask-the-worker', where: m.path, message: `reaches ${chain.at(-1)} through ${chain.join(' → ')}` });
    }
  }
  return out;
}

/** Parts that depend on each other around a circle, each circle reported once. */
function cycleViolations(modules: Module[]): Violation[] {
  const edges = new Map<string, Set<string>>();
  for (const m of modules) {
    const from = partOf(m.path);
    if (!from) continue;
    for (const imp of m.imports) {
      const to = imp.local ? partOf(imp.target) : undefined;
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const seen = new Set<string>();
  const out: Violation[] = [];
  const walk = (part: string, path: string[]) => {
    for (const next of edges.get(part) ?? []) {
      const loop = path.indexOf(next);
      if (loop >= 0) {
        const circle = [...path.slice(loop), next];
        const key = [...circle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ rule: 'no-part-cycles', where: `lib/${next}`, message: circle.map((p) => `lib/${p}`).join(' → ') });
        }
      } else if (path.length < Object.keys(PARTS).length) walk(next, [...path, next]);
    }
  };
  for (const part of edges.keys()) walk(part, [part]);
  return out;
}

/** What touches the host page: its globals, and the DOM calls that read or change it. */
const HOST_PAGE = new Set(['document', 'window', 'location', 'history', 'querySelector', 'querySelectorAll', 'getElementById', 'getBoundingClientRect', 'attachShadow', 'createElement', 'MutationObserver']);

/** The content script's entry touching the Octopus page itself instead of through lib/host. */
function hostPageViolations(module: Module, source: ts.SourceFile): Violation[] {
  if (!module.path.startsWith('entrypoints/octopus.content/')) return [];
  const out: Violation[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && HOST_PAGE.has(node.text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ rule: 'host-dom-in-lib-host', where: at(module, line), message: `uses ${node.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const OCTOPUS_ROUTE = /\/app#|#\/(Spaces-|users\/|projects\/)|^\/api\//;

/** String literals that spell an Octopus route or API path outside lib/octopus and lib/host. */
function literalViolations(module: Module, source: ts.SourceFile): Violation[] {
  const part = partOf(module.path);
  if (part === 'octopus' || part === 'host') return [];
  const out: Violation[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && OCTOPUS_ROUTE.test(node.text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ rule: 'octopus-knowledge', where: at(module, line), message: `spells an Octopus address: ${JSON.stringify(node.text)}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const functionName = (node: ts.Node): string => {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText();
  return '(anonymous)';
};

/** Hooks outside lib/ui, and functions or files over their size. */
function sourceViolations(module: Module, source: ts.SourceFile, longSeen: Set<string>): Violation[] {
  const out: Violation[] = [];
  const lines = module.text.split('\n').length;
  if ((module.path.startsWith('components/') || module.path.startsWith('entrypoints/')) && lines > MAX_FILE_LINES) out.push({ rule: 'file-size', where: module.path, message: `${lines} lines` });
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const length = source.getLineAndCharacterOfPosition(node.end).line + 2 - start;
      const name = functionName(node);
      const key = `${module.path} ${name}`;
      if (length > MAX_FUNCTION_LINES) {
        if (LONG_FUNCTIONS[key]) longSeen.add(key);
        else out.push({ rule: 'function-size', where: at(module, start), message: `${name} is ${length} lines` });
      }
      const exported = ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const statement = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : undefined;
      const exportedConst = statement !== undefined && ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if ((exported || exportedConst) && /^use[A-Z]/.test(name) && !module.path.startsWith('lib/ui/')) out.push({ rule: 'hooks-in-lib-ui', where: at(module, start), message: `${name} is a hook outside lib/ui` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (module.path.startsWith('lib/') && !module.path.startsWith('lib/ui/')) {
    for (const imp of module.imports) if (imp.specifier === 'preact/hooks') out.push({ rule: 'hooks-in-lib-ui', where: at(module, imp.line), message: `${module.path} uses preact/hooks outside lib/ui` });
  }
  return out;
}

export interface Report {
  violations: Violation[];
  /** Long functions listed in sizes.ts that are no longer there or no longer long: the list should follow. */
  staleExceptions: string[];
}

export function checkArchitecture(modules: Module[]): Report {
  const violations: Violation[] = [];
  const longSeen = new Set<string>();
  for (const m of modules) {
    const part = partOf(m.path);
    if (part !== undefined && !PARTS[part]) violations.push({ rule: 'lib-parts', where: m.path, message: part ? `lib/${part} is not a declared part` : `${m.path} is in no part` });
    for (const imp of m.imports) {
      const found = importViolation(m, imp);
      if (found) violations.push(found);
    }
    const source = ts.createSourceFile(m.path, m.text, ts.ScriptTarget.Latest, true, m.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    violations.push(...literalViolations(m, source), ...hostPageViolations(m, source), ...sourceViolations(m, source, longSeen));
  }
  violations.push(...reachViolations(modules), ...cycleViolations(modules));
  return { violations, staleExceptions: Object.keys(LONG_FUNCTIONS).filter((key) => !longSeen.has(key)) };
}
