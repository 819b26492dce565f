import switchboard from './index';
import { fixtureModules, ruleTester } from './rule-tester';

// a's code uses b's service, c's types only (no Nest import needed) and platform (global).
const { file, options } = fixtureModules('modules');
const filename = file('a/a.module.ts');
const moduleFile = (imports: string) =>
  ["import { Module } from '@nestjs/common';", "import { TypeOrmModule } from '@nestjs/typeorm';", "import { BModule, CModule } from '../b';", `@Module({ imports: ${imports} })`, 'export class AModule {}'].join('\n');

ruleTester.run('module-imports-match', switchboard.rules['module-imports-match'], {
  valid: [
    { name: 'exactly the modules the code uses', filename, options, code: moduleFile('[BModule]') },
    { name: 'external modules and shared kernels aside', filename, options, code: moduleFile('[TypeOrmModule.forFeature([]), BModule, PlatformModule]') },
    {
      name: "a DynamicModule's imports, through calls and spreads",
      filename,
      options,
      code: [
        '@Module({})',
        'export class AModule {',
        '  static register(options: { worker: boolean }) {',
        '    return { module: AModule, imports: [...(options.worker ? [BModule.register(options)] : [])] };',
        '  }',
        '}',
      ].join('\n'),
    },
    { name: 'other files are not module files', filename: file('a/a.service.ts'), options, code: moduleFile('[]') },
  ],
  invalid: [
    {
      name: 'a module the code uses is missing',
      filename,
      options,
      code: moduleFile('[]'),
      errors: [{ message: "a's @Module imports lack BModule: a/a.service.ts imports b (../b)" }],
    },
    {
      name: 'a module the code does not use is extra',
      filename,
      options,
      code: moduleFile('[BModule, CModule]'),
      errors: [{ message: "a's @Module imports CModule, but no file of a uses c" }],
    },
  ],
});
