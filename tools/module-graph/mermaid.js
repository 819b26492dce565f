// The module graph as a Mermaid block, and the marked place in a Markdown file where it lives.
const { dependencyEdges, scanModules } = require('./module-graph');

const START_MARKER = '<!-- module-graph:start -->';
const END_MARKER = '<!-- module-graph:end -->';

/** Mermaid ids cannot hold '-' (it reads as an arrow); the label keeps the folder's name. */
function nodeId(moduleName) {
  return moduleName.replace(/[^A-Za-z0-9_]/g, '_');
}

function nodeLine(moduleName, sharedModules) {
  const id = nodeId(moduleName);
  if (sharedModules.has(moduleName)) return `  ${id}[["${moduleName} (shared kernel: used by every module)"]]`;
  return id === moduleName ? `  ${id}` : `  ${id}["${moduleName}"]`;
}

/**
 * `graph LR` with one node per module and one arrow per dependency: solid when the code uses the other module at
 * runtime, dotted when it only borrows types. Arrows into shared kernels are left out (everyone uses them).
 */
function renderModuleGraph({ modulesRoot, shared }) {
  const scan = scanModules(modulesRoot);
  const sharedModules = new Set(shared);
  const lines = ['```mermaid', 'graph LR', ...scan.modules.map((name) => nodeLine(name, sharedModules))];
  for (const [from, targets] of dependencyEdges(scan)) {
    for (const to of [...targets.keys()].sort()) {
      if (sharedModules.has(to)) continue;
      const arrow = targets.get(to).every((entry) => entry.typeOnly) ? '-.->' : '-->';
      lines.push(`  ${nodeId(from)} ${arrow} ${nodeId(to)}`);
    }
  }
  return [...lines, '```'].join('\n');
}

/** The text between the markers (the block itself, without the marker lines); throws when the markers are missing. */
function markedRange(markdown, fileName) {
  const start = markdown.indexOf(START_MARKER);
  const end = markdown.indexOf(END_MARKER);
  if (start === -1 || end < start) throw new Error(`${fileName} has no ${START_MARKER} ... ${END_MARKER} block`);
  return { from: start + START_MARKER.length, to: end };
}

function readGraphBlock(markdown, fileName) {
  const { from, to } = markedRange(markdown, fileName);
  return markdown.slice(from, to).trim();
}

function replaceGraphBlock(markdown, block, fileName) {
  const { from, to } = markedRange(markdown, fileName);
  return `${markdown.slice(0, from)}\n${block}\n${markdown.slice(to)}`;
}

module.exports = { readGraphBlock, renderModuleGraph, replaceGraphBlock };
