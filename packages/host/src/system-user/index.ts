export { SystemUser, validateSystemUserArgs } from './system-user';
export type { SystemUserArgs } from './system-user';
export { ensureSystemUserScript, removeSystemUserScript } from './system-user-scripts';
