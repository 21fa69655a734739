/**
 * The product's modules and their imports, read with TypeScript's parser: every `import`, `export … from`
 * and `import()` of lib/, components/ and entrypoints/, resolved to a file (or left as a package name), with
 * whether it is type-only (a type import puts no code in the bundle).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

export interface Import {
  /** As written. */
  specifier: string;
  /** A repository path (`lib/metrics/facts.ts`) for our own files, else the package's name (`preact`, `#imports`). */
  target: string;
  /** Whether `target` is one of our files. */
  local: boolean;
  typeOnly: boolean;
  line: number;
}

export interface Module {
  /** Repository path, `/`-separated. */
  path: string;
  text: string;
  imports: Import[];
}

export const PRODUCT_FOLDERS = ['lib', 'components', 'entrypoints'];
const SOURCE = /\.(ts|tsx)$/;

function listSources(root: string, folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = `${folder}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return listSources(root, path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** `@/lib/x` or `./x` → `lib/x.ts` (or `.tsx`, or `…/index.ts`); a package keeps its name (`preact/hooks` → `preact`). */
export function resolveSpecifier(from: string, specifier: string, exists: (path: string) => boolean): { target: string; local: boolean } {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? join(dirname(from), specifier).split('\\').join('/') : undefined;
  if (base === undefined) {
    const parts = specifier.split('/');
    return { target: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0], local: false };
  }
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (/\.(ts|tsx)$/.test(candidate) && exists(candidate)) return { target: candidate, local: true };
  // CSS and other assets: local files the checks have no rules for.
  return { target: base, local: true };
}

const isTypeOnly = (node: ts.ImportDeclaration | ts.ExportDeclaration): boolean => {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
};

/** The imports of one file's text. */
export function readImports(path: string, text: string, exists: (path: string) => boolean): Import[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: Import[] = [];
  const add = (specifier: string, node: ts.Node, typeOnly: boolean) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    imports.push({ specifier, ...resolveSpecifier(path, specifier, exists), typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, isTypeOnly(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, node, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return imports;
}

/** Every product module under `root`. */
export function readModules(root: string): Module[] {
  const paths = PRODUCT_FOLDERS.flatMap((folder) => listSources(root, folder));
  const known = new Set(paths);
  const exists = (path: string) => known.has(path) || existsSync(join(root, path));
  return paths.map((path) => {
    const text = readFileSync(join(root, path), 'utf8');
    return { path: relative(root, join(root, path)).split('\\').join('/'), text, imports: readImports(path, text, exists) };
  });
}
