import * as pulumi from '@pulumi/pulumi';
import { UserError } from '@hastack/host';
import type { SiteDescription } from '@hastack/inventory';
import { reviewPlan } from './plan-problems';
import { previousLayout } from './previous-layout';
import { carryRenamedHosts } from './rename-aliases';
import { siteLayout, SiteLayout } from './site-layout';

/**
 * The site's pre-flight against its own last deployment, run by a stack program before it creates the
 * `Site`: an edit that would overwrite data stops the program with one line per problem and no host
 * touched; a renamed host keeps its resources. Returns the layout the `Site` takes as `layout` (a
 * renamed host keeps its original name on the host) and the program exports as `siteLayout`, which the
 * next deployment is compared with.
 */
export async function guardSitePlan(description: SiteDescription): Promise<SiteLayout> {
  const previous = await previousLayout();
  const review = reviewPlan(previous, description);
  if (review.problems.length) {
    throw new UserError([`this deployment would overwrite data; nothing was changed:`, ...review.problems.map((problem) => `  - ${problem}`)].join('\n'));
  }
  for (const { from, to } of review.renames) pulumi.log.info(`${from} is now ${to} (same address): its resources are carried over`);
  for (const name of review.unusedConsents) {
    pulumi.log.warn(`${name} says "discardData", but this deployment overwrites none of its data: remove it before it lets an edit through`);
  }
  carryRenamedHosts(review.renames);
  return siteLayout(description, previous, review.renames);
}
