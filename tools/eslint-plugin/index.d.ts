import type { ESLint, Rule } from 'eslint';

declare const switchboard: ESLint.Plugin & { rules: Record<'module-boundaries' | 'module-imports-match' | 'no-module-cycles', Rule.RuleModule> };
export = switchboard;
