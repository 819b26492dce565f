// Modules form a directed acyclic graph: a cycle means neither side can change (or be tested) alone, and Nest
// needs forwardRef to even start. Every import counts, type-only included: a cycle of types is still a cycle.
const path = require('node:path');
const { dependencyEdges, moduleFileOf, moduleOfFile, scanModules, shortestCycleThrough, toPosix } = require('../module-graph/module-graph');
const { readModuleOptions, schema } = require('./module-options');

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'No cycles between modules; reported on each module file of the cycle' },
    schema,
    messages: {
      cycle: 'module cycle: {{cycle}} ({{evidence}})',
    },
  },
  create(context) {
    const { modulesRoot } = readModuleOptions(context);
    const moduleName = moduleOfFile(modulesRoot, context.filename);
    if (moduleName === null || context.filename !== moduleFileOf(modulesRoot, moduleName)) return {};

    return {
      Program(program) {
        const edges = dependencyEdges(scanModules(modulesRoot));
        const cycle = shortestCycleThrough(edges, moduleName);
        if (!cycle) return;
        // One import per step, so the report says where to cut.
        const evidence = cycle.slice(0, -1).map((from, index) => {
          const [first] = edges.get(from).get(cycle[index + 1]);
          return `${toPosix(path.relative(modulesRoot, first.file))} imports '${first.specifier}'`;
        });
        const exportedClass = program.body.find((statement) => statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'ClassDeclaration');
        context.report({ node: exportedClass ?? program, messageId: 'cycle', data: { cycle: cycle.join(' -> '), evidence: evidence.join('; ') } });
      },
    };
  },
};
