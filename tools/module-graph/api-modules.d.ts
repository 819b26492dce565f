import type { ModuleGraphOptions } from './mermaid';

declare const apiModules: ModuleGraphOptions;
export = apiModules;
