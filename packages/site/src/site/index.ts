export { describedTiers, hostsByName, Site, SiteTiers, TierRoles } from './site';
export type { SiteArgs, SiteTier } from './site';
export type { SiteContext, SiteHost } from './site-context';
export type { SiteApp, WebTierOptions } from './tiers/web';
export { webHealthCheck } from './tiers/director';
export * from './plan-safety';
