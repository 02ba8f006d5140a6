export { ConfigFileSet, validateConfigFileSetArgs } from './config-file-set';
export type { ConfigFileSetArgs, ConfigFileSpec } from './config-file-set';
export { removeFileSetScript, setInput, writeFileSetScript } from './config-file-set-scripts';
export type { SetFile } from './config-file-set-scripts';
