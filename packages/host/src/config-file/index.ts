export { ConfigFile } from './config-file';
export type { ConfigFileArgs } from './config-file';
