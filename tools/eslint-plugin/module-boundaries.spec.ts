import switchboard from './index';
import { fixtureModules, ruleTester } from './rule-tester';

const { file, options } = fixtureModules('modules');
const internals = (to: string, specifier: string, barrel = '../b') => ({ message: `a imports ${to}'s internals (${specifier}): import from '${barrel}' (its index.ts)` });

ruleTester.run('module-boundaries', switchboard.rules['module-boundaries'], {
  valid: [
    { name: 'through the barrel', filename: file('a/a.service.ts'), options, code: "import { BService } from '../b';" },
    { name: 'through the barrel, index spelled out', filename: file('a/a.service.ts'), options, code: "export { BService } from '../b/index';" },
    { name: 'platform deep import', filename: file('a/a.service.ts'), options, code: "import { AppConfig } from '../platform/config/app-config';" },
    { name: "the module's own files", filename: file('b/b.service.ts'), options, code: "import { Thing } from './entities/thing.entity';" },
    { name: 'packages', filename: file('a/a.service.ts'), options, code: "import { Module } from '@nestjs/common';" },
    { name: 'the composition root', filename: file('app.module.ts'), options, code: "import { Thing } from './b/entities/thing.entity';" },
    { name: 'spec files', filename: file('a/a.service.spec.ts'), options, code: "import { Thing } from '../b/entities/thing.entity';" },
  ],
  invalid: [
    {
      name: "another module's entity",
      filename: file('a/a.service.ts'),
      options,
      code: "import { Thing } from '../b/entities/thing.entity';",
      errors: [internals('b', '../b/entities/thing.entity')],
    },
    {
      name: 'type-only, re-exports and import types count too',
      filename: file('a/a.service.ts'),
      options,
      code: [
        "import type { Thing } from '../b/entities/thing.entity';",
        "export { BService } from '../b/b.service';",
        "export * from '../c/c.module';",
        "type Lazy = import('../b/b.service').BService;",
      ].join('\n'),
      errors: [internals('b', '../b/entities/thing.entity'), internals('b', '../b/b.service'), internals('c', '../c/c.module', '../c'), internals('b', '../b/b.service')],
    },
    {
      name: 'the barrel suggested from a nested folder',
      filename: file('a/dto/a.input.ts'),
      options,
      code: "import { Thing } from '../../b/entities/thing.entity';",
      errors: [internals('b', '../../b/entities/thing.entity', '../../b')],
    },
    {
      name: "a repository in a module's index.ts",
      filename: file('b/index.ts'),
      options,
      code: "export { ThingRepository } from './thing.repository';",
      errors: [{ message: "b's index.ts exports a repository (./thing.repository): other modules call b's services, never its repository" }],
    },
  ],
});
