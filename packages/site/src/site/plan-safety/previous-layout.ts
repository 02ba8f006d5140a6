import * as pulumi from '@pulumi/pulumi';
import { SITE_LAYOUT_OUTPUT, SiteLayout } from './site-layout';

function isLayout(value: unknown): value is SiteLayout {
  const hosts = (value as SiteLayout | undefined)?.hosts;
  return Array.isArray(hosts) && hosts.every((host) => typeof host?.name === 'string' && typeof host.address === 'string' && Array.isArray(host.roles));
}

/**
 * The layout this stack's last deployment saved in its outputs, undefined before the first one that saved
 * it. Read with the engine's own stack-outputs function, the one a `StackReference` reads through: the
 * backend answers, no host is contacted, and unlike a `StackReference` nothing is added to the state, so
 * a deployment after a changed one still shows no change.
 */
export async function previousLayout(): Promise<SiteLayout | undefined> {
  const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const result = await pulumi.runtime.invoke('pulumi:pulumi:readStackOutputs', { name });
  const value: unknown = result?.outputs?.[SITE_LAYOUT_OUTPUT];
  return isLayout(value) ? value : undefined;
}
