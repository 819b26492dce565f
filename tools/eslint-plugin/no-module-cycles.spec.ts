import fs from 'node:fs';
import switchboard from './index';
import { fixtureModules, ruleTester } from './rule-tester';

const acyclic = fixtureModules('modules');
const cyclic = fixtureModules('cyclic-modules');
const onDisk = (file: string) => ({ filename: file, code: fs.readFileSync(file, 'utf8') });

ruleTester.run('no-module-cycles', switchboard.rules['no-module-cycles'], {
  valid: [
    { name: 'a -> b, a -> c, everyone -> platform', ...onDisk(acyclic.file('a/a.module.ts')), options: acyclic.options },
    { name: 'only module files report', ...onDisk(cyclic.file('a/a.service.ts')), options: cyclic.options },
  ],
  invalid: [
    {
      name: 'a -> b -> a, on a',
      ...onDisk(cyclic.file('a/a.module.ts')),
      options: cyclic.options,
      errors: [{ message: "module cycle: a -> b -> a (a/a.service.ts imports '../b'; b/b.service.ts imports '../a')" }],
    },
    {
      name: 'a -> b -> a, on b (through a type-only import)',
      ...onDisk(cyclic.file('b/b.module.ts')),
      options: cyclic.options,
      errors: [{ message: "module cycle: b -> a -> b (b/b.service.ts imports '../a'; a/a.service.ts imports '../b')" }],
    },
  ],
});
