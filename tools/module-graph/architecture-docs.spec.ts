import fs from 'node:fs';
import path from 'node:path';
import apiModules from './api-modules';
import { readGraphBlock, renderModuleGraph } from './mermaid';

const architectureDoc = path.join(__dirname, '../../docs/architecture.md');

it("docs/architecture.md's module graph is the one the code has", () => {
  const documented = readGraphBlock(fs.readFileSync(architectureDoc, 'utf8'), 'docs/architecture.md');
  const generated = renderModuleGraph(apiModules);
  if (documented !== generated) throw new Error("docs/architecture.md's module graph is stale: run npm run docs:graph");
});
