export { ConfigFile } from './config-file';
export type { ConfigFileArgs } from './config-file';
export { onHostName, replaceNamePart, stackScopedName } from './host-names';
