// A module's folder is private except for its index.ts: other modules import the barrel, never entities,
// repositories or a service's file directly. Shared kernels (platform) may be deep-imported by anyone.
const path = require('node:path');
const { barrelSpecifier, isSpecFile, listModules, moduleOfFile, resolveImport } = require('../module-graph/module-graph');
const { readModuleOptions, schema } = require('./module-options');

const REPOSITORY_FILE = /\.repository(\.[jt]s)?$/;

/** The string literal naming the imported module, for every node kind that imports or re-exports one. */
function importedSource(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
    case 'TSImportType':
      return node.source;
    case 'TSExternalModuleReference':
      return node.expression;
    case 'CallExpression':
      return node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1 ? node.arguments[0] : null;
    default:
      return null;
  }
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "Import other modules only through their index.ts; keep repositories out of a module's index.ts" },
    schema,
    messages: {
      internals: "{{from}} imports {{to}}'s internals ({{specifier}}): import from '{{barrel}}' (its index.ts)",
      repositoryInBarrel: "{{module}}'s index.ts exports a repository ({{specifier}}): other modules call {{module}}'s services, never its repository",
    },
  },
  create(context) {
    const { modulesRoot, shared } = readModuleOptions(context);
    const file = context.filename;
    const from = moduleOfFile(modulesRoot, file);
    if (from === null || isSpecFile(file)) return {};
    const modules = listModules(modulesRoot);
    const isBarrelFile = path.dirname(file) === path.join(modulesRoot, from) && /^index\.[jt]s$/.test(path.basename(file));

    const check = (node) => {
      const source = importedSource(node);
      if (!source || typeof source.value !== 'string') return;
      const specifier = source.value;
      const target = resolveImport(modulesRoot, modules, file, specifier);
      if (!target) return;
      if (target.module !== from && !target.barrel && !shared.has(target.module)) {
        const barrel = barrelSpecifier(modulesRoot, file, target.module);
        context.report({ node: source, messageId: 'internals', data: { from, to: target.module, specifier, barrel } });
      }
      const isReExport = node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration';
      if (isBarrelFile && isReExport && target.module === from && REPOSITORY_FILE.test(specifier)) {
        context.report({ node: source, messageId: 'repositoryInBarrel', data: { module: from, specifier } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
      TSExternalModuleReference: check,
      CallExpression: check,
    };
  },
};
