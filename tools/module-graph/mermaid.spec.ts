import path from 'node:path';
import { readGraphBlock, renderModuleGraph, replaceGraphBlock } from './mermaid';

const fixtureRoot = path.join(__dirname, '../eslint-plugin/fixtures/modules');

describe('renderModuleGraph', () => {
  it('draws a node per module, runtime and type-only dependencies, and platform without its arrows', () => {
    expect(renderModuleGraph({ modulesRoot: fixtureRoot, shared: ['platform'] })).toBe(
      ['```mermaid', 'graph LR', '  a', '  b', '  c', '  platform[["platform (shared kernel: used by every module)"]]', '  a --> b', '  a -.-> c', '```'].join('\n'),
    );
  });
});

describe('the marked block', () => {
  const markdown = ['# Doc', '<!-- module-graph:start -->', 'old', '<!-- module-graph:end -->', 'after'].join('\n');

  it('is replaced between the markers, the rest kept', () => {
    const updated = replaceGraphBlock(markdown, 'new', 'doc.md');
    expect(updated).toBe(['# Doc', '<!-- module-graph:start -->', 'new', '<!-- module-graph:end -->', 'after'].join('\n'));
    expect(readGraphBlock(updated, 'doc.md')).toBe('new');
  });

  it('must exist', () => {
    expect(() => readGraphBlock('# Doc', 'doc.md')).toThrow('doc.md has no <!-- module-graph:start --> ... <!-- module-graph:end --> block');
  });
});
