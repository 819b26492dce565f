// The api's module graph, read from the source: which module folder imports what from which other one. Shared by the
// lint rules in tools/eslint-plugin and by print.js (the graph in docs/architecture.md), so both see the same edges.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const SPEC_FILE = /\.spec\.ts$/;
const TS_FILE = /\.tsx?$/;
const MODULE_FILE = /\.module\.ts$/;
const BARREL_PATHS = new Set(['', 'index', 'index.ts', 'index.js']);

function toPosix(relativePath) {
  return relativePath.split(path.sep).join('/');
}

function isSpecFile(file) {
  return SPEC_FILE.test(file);
}

/** The top-level folders of the modules root: each one is a module. */
function listModules(modulesRoot) {
  return fs
    .readdirSync(modulesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The module a file belongs to, or null for files outside every module folder (the composition root). */
function moduleOfFile(modulesRoot, file) {
  const segments = toPosix(path.relative(modulesRoot, file)).split('/');
  if (segments[0] === '..' || path.isAbsolute(segments[0]) || segments.length < 2) return null;
  return segments[0];
}

/** `<root>/<m>/<m>.module.ts`: the file that declares module m, where module-level findings are reported. */
function moduleFileOf(modulesRoot, moduleName) {
  return path.join(modulesRoot, moduleName, `${moduleName}.module.ts`);
}

/**
 * Where a relative import lands: `{ module, barrel }` when it resolves into a module folder (barrel: the folder
 * itself or its index.ts), null for packages and for the composition root's files.
 */
function resolveImport(modulesRoot, moduleNames, fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return null;
  const target = toPosix(path.relative(modulesRoot, path.resolve(path.dirname(fromFile), specifier)));
  const [first, ...rest] = target.split('/');
  if (!moduleNames.includes(first)) return null;
  return { module: first, barrel: BARREL_PATHS.has(rest.join('/')) };
}

/** The barrel specifier of `moduleName` as written from `fromFile`, e.g. '../zoom' or '../../zoom'. */
function barrelSpecifier(modulesRoot, fromFile, moduleName) {
  const relative = toPosix(path.relative(path.dirname(fromFile), path.join(modulesRoot, moduleName)));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function namedBindings(elements) {
  return elements.map((element) => (element.propertyName ?? element.name).text);
}

function isExported(node) {
  return (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * Every module specifier a file uses, with whether it vanishes at runtime (`import type`, `export type`, all named
 * bindings `type`, `import('x').T`) and the names it brings in; plus the module classes the file exports.
 */
function parseSourceFile(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports = [];
  const exportedClasses = [];
  const add = (specifier, typeOnly, names) => imports.push({ specifier, typeOnly, names });

  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
      const names = [...(clause?.name ? ['default'] : []), ...(bindings && ts.isNamespaceImport(bindings) ? ['*'] : namedBindings(named))];
      const allNamedAreTypes = !clause?.name && named.length > 0 && named.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier.text, Boolean(clause && (clause.isTypeOnly || allNamedAreTypes)), names);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      const allNamedAreTypes = named !== null && named.length > 0 && named.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier.text, node.isTypeOnly || allNamedAreTypes, named ? namedBindings(named) : ['*']);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node.isTypeOnly, ['*']);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, ['*']);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node.arguments[0].text, false, ['*']);
    } else if (ts.isClassDeclaration(node) && node.name && isExported(node)) {
      exportedClasses.push(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, exportedClasses };
}

// Parsed files by path, kept while the file's mtime and size stay the same: a lint run (or an editor's long-lived
// ESLint server) asks for the graph once per module file, and should only re-read what changed.
const parsedFiles = new Map();

function parseFileCached(file) {
  const stat = fs.statSync(file);
  const cached = parsedFiles.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.parsed;
  const parsed = parseSourceFile(file, fs.readFileSync(file, 'utf8'));
  parsedFiles.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, parsed });
  return parsed;
}

function listSourceFiles(folder) {
  // Sorted, so the first import on an edge (quoted in reports) is the same on every machine.
  const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((left, right) => left.name.localeCompare(right.name));
  return entries.flatMap((entry) => {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) return listSourceFiles(entryPath);
    return TS_FILE.test(entry.name) && !isSpecFile(entry.name) ? [entryPath] : [];
  });
}

/**
 * Reads every non-spec source file of every module folder under `modulesRoot`:
 * - `modules`: the module names (top-level folders), sorted;
 * - `moduleClasses`: exported class name in a `*.module.ts` -> the module it belongs to (CrmModule -> crm);
 * - `imports`: every import of one module's file that lands in another module's folder:
 *   `{ file, from, to, specifier, barrel, typeOnly, names }`.
 */
function scanModules(modulesRoot) {
  const modules = listModules(modulesRoot);
  const moduleClasses = new Map();
  const imports = [];
  for (const from of modules) {
    for (const file of listSourceFiles(path.join(modulesRoot, from))) {
      const parsed = parseFileCached(file);
      if (MODULE_FILE.test(file)) parsed.exportedClasses.forEach((name) => moduleClasses.set(name, from));
      for (const { specifier, typeOnly, names } of parsed.imports) {
        const target = resolveImport(modulesRoot, modules, file, specifier);
        if (target && target.module !== from) imports.push({ file, from, to: target.module, specifier, barrel: target.barrel, typeOnly, names });
      }
    }
  }
  return { modulesRoot, modules, moduleClasses, imports };
}

/** module -> the modules it imports anything from (barrel or not, type-only included), each with its imports. */
function dependencyEdges(scan) {
  const edges = new Map(scan.modules.map((name) => [name, new Map()]));
  for (const entry of scan.imports) {
    const targets = edges.get(entry.from);
    if (!targets.has(entry.to)) targets.set(entry.to, []);
    targets.get(entry.to).push(entry);
  }
  return edges;
}

/**
 * The shortest cycle through `start` (breadth-first, neighbours in name order so the answer is stable), as the list
 * of modules from `start` back to `start`; null when `start` is on no cycle.
 */
function shortestCycleThrough(edges, start) {
  const cameFrom = new Map();
  const queue = [start];
  for (let index = 0; index < queue.length; index++) {
    const current = queue[index];
    for (const next of [...edges.get(current).keys()].sort()) {
      if (next === start) {
        const cycle = [start];
        for (let step = current; step !== start; step = cameFrom.get(step)) cycle.splice(1, 0, step);
        return [...cycle, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

module.exports = {
  barrelSpecifier,
  dependencyEdges,
  isSpecFile,
  listModules,
  moduleFileOf,
  moduleOfFile,
  resolveImport,
  scanModules,
  shortestCycleThrough,
  toPosix,
};
