export { MooseFsMount, WEB_SERVER_SELINUX_BOOLEANS } from './moosefs-mount';
export { validateMooseFsMountArgs } from './moosefs-mount-args';
export type { MooseFsMountArgs } from './moosefs-mount-args';
