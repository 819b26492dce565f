import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

/** A fake modules root under fixtures/, and the options the rules take for it (platform is the shared kernel). */
export function fixtureModules(name: 'modules' | 'cyclic-modules') {
  const modulesRoot = path.join(__dirname, 'fixtures', name);
  return {
    file: (relativePath: string) => path.join(modulesRoot, relativePath),
    options: [{ modulesRoot, shared: ['platform'] }],
  };
}

export const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
