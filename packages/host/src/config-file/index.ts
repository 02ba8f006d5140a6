export { ConfigFile } from './config-file';
export type { ConfigFileArgs } from './config-file';
export { stackScopedName } from './host-names';
