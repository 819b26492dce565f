export interface ModuleGraphOptions {
  /** Folder whose top-level folders are the modules. */
  modulesRoot: string;
  /** Shared kernels: drawn once, without the arrows every module has into them. */
  shared: string[];
}

export function renderModuleGraph(options: ModuleGraphOptions): string;
export function readGraphBlock(markdown: string, fileName: string): string;
export function replaceGraphBlock(markdown: string, block: string, fileName: string): string;
