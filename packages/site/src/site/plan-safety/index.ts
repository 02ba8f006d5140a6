export { guardSitePlan } from './guard-plan';
export { reviewPlan } from './plan-problems';
export type { HostRename, PlanReview } from './plan-problems';
export { SITE_LAYOUT_OUTPUT, siteLayout } from './site-layout';
export type { LayoutHost, SiteLayout } from './site-layout';
