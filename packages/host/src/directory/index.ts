export { Directory } from './directory';
export { validateDirectoryArgs } from './directory-args';
export type { DirectoryArgs } from './directory-args';
export { ensureDirectoryScript, removeDirectoryScript } from './directory-scripts';
