// A module's @Module imports say which of our modules it depends on; they must agree with what its code imports.
// Without this, a module can lean on another that happens to be global (or imported elsewhere) and break once the
// global goes, or keep importing one it stopped using.
const path = require('node:path');
const { moduleFileOf, moduleOfFile, scanModules, toPosix } = require('../module-graph/module-graph');
const { readModuleOptions, schema } = require('./module-options');

/** The object literals that configure a Nest module: `@Module({...})` and a DynamicModule's `{ module: X, ... }`. */
function isModuleMetadata(node) {
  if (node.type !== 'ObjectExpression') return false;
  const parent = node.parent;
  const isDecoratorArgument = parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Module';
  return isDecoratorArgument || node.properties.some((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'module');
}

/** Every identifier under `node` that is a reference (not `x.property` nor an object key): `ZoomModule.register()` yields ZoomModule. */
function referencedIdentifiers(node, visitorKeys, found = []) {
  if (node.type === 'Identifier') found.push(node);
  for (const key of visitorKeys[node.type] ?? []) {
    if (node.type === 'MemberExpression' && key === 'property' && !node.computed) continue;
    if (node.type === 'Property' && key === 'key' && !node.computed) continue;
    for (const child of [node[key]].flat()) if (child && typeof child.type === 'string') referencedIdentifiers(child, visitorKeys, found);
  }
  return found;
}

/** The modules `moduleName`'s code uses at runtime, each with its first import as evidence. */
function usedModules(scan, moduleName, shared) {
  const used = new Map();
  for (const entry of scan.imports) {
    if (entry.from !== moduleName || entry.typeOnly || shared.has(entry.to) || used.has(entry.to)) continue;
    // Importing a module class (for @Module imports) is the declaration itself, not a use of that module.
    if (entry.names.every((name) => scan.moduleClasses.get(name) === entry.to)) continue;
    used.set(entry.to, entry);
  }
  return used;
}

function moduleClassOf(scan, moduleName) {
  return [...scan.moduleClasses].filter(([, owner]) => owner === moduleName).map(([name]) => name).sort()[0];
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "A module's @Module imports list exactly the modules its code imports (shared kernels and external modules aside)" },
    schema,
    messages: {
      missing: "{{module}}'s @Module imports lack {{moduleClass}}: {{file}} imports {{used}} ({{specifier}})",
      extra: "{{module}}'s @Module imports {{moduleClass}}, but no file of {{module}} uses {{used}}",
    },
  },
  create(context) {
    const { modulesRoot, shared } = readModuleOptions(context);
    const moduleName = moduleOfFile(modulesRoot, context.filename);
    if (moduleName === null || context.filename !== moduleFileOf(modulesRoot, moduleName)) return {};
    const importLists = [];
    let moduleDecorator = null;

    return {
      'CallExpression[callee.name="Module"]'(node) {
        moduleDecorator ??= node;
      },
      Property(node) {
        if (node.key.type === 'Identifier' && node.key.name === 'imports' && !node.computed && isModuleMetadata(node.parent)) importLists.push(node);
      },
      'Program:exit'(program) {
        const scan = scanModules(modulesRoot);
        const declared = new Map();
        for (const list of importLists) {
          for (const identifier of referencedIdentifiers(list.value, context.sourceCode.visitorKeys)) {
            const owner = scan.moduleClasses.get(identifier.name);
            if (owner && owner !== moduleName && !shared.has(owner) && !declared.has(owner)) declared.set(owner, identifier);
          }
        }
        const used = usedModules(scan, moduleName, shared);
        const missingAt = importLists[0] ?? moduleDecorator ?? program;
        for (const [usedModule, evidence] of used) {
          const moduleClass = moduleClassOf(scan, usedModule);
          // A folder without a module class (seed) has nothing to import; module-boundaries still guards it.
          if (!moduleClass || declared.has(usedModule)) continue;
          const file = toPosix(path.relative(modulesRoot, evidence.file));
          context.report({ node: missingAt, messageId: 'missing', data: { module: moduleName, moduleClass, file, used: usedModule, specifier: evidence.specifier } });
        }
        for (const [declaredModule, identifier] of declared) {
          if (used.has(declaredModule)) continue;
          context.report({ node: identifier, messageId: 'extra', data: { module: moduleName, moduleClass: identifier.name, used: declaredModule } });
        }
      },
    };
  },
};
