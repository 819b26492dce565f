// The options every module-graph rule takes: where the module folders are, and which of them are shared kernels.
const path = require('node:path');

const schema = [
  {
    type: 'object',
    properties: {
      modulesRoot: { type: 'string', description: 'Folder whose top-level folders are the modules (absolute, or relative to the working directory)' },
      shared: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Modules anyone may deep-import and need not list in @Module imports' },
    },
    required: ['modulesRoot'],
    additionalProperties: false,
  },
];

function readModuleOptions(context) {
  const [{ modulesRoot, shared = [] }] = context.options;
  return { modulesRoot: path.resolve(context.cwd, modulesRoot), shared: new Set(shared) };
}

module.exports = { schema, readModuleOptions };
