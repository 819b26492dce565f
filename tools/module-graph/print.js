// `node tools/module-graph/print.js` prints the api's module graph as Mermaid;
// `--write <file.md>` (npm run docs:graph) rewrites the block between the file's module-graph markers instead.
const fs = require('node:fs');
const path = require('node:path');
const apiModules = require('./api-modules');
const { renderModuleGraph, replaceGraphBlock } = require('./mermaid');

const block = renderModuleGraph(apiModules);
const writeIndex = process.argv.indexOf('--write');
if (writeIndex === -1) {
  console.log(block);
} else {
  const file = process.argv[writeIndex + 1];
  if (!file) throw new Error('--write needs the Markdown file to update');
  const markdown = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, replaceGraphBlock(markdown, block, file));
  console.log(`module graph written to ${path.relative(process.cwd(), path.resolve(file))}`);
}
