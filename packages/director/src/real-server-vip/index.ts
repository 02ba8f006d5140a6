export { RealServerVip } from './real-server-vip';
export type { RealServerVipArgs } from './real-server-vip-args';
export { validateRealServerVipArgs } from './real-server-vip-args';
export { realServerArpSettings, REAL_SERVER_UNIT, renderRealServerUnit } from './render-real-server-unit';
