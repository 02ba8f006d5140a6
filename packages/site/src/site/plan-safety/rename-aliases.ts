import * as pulumi from '@pulumi/pulumi';
import type { HostRename } from './plan-problems';

/**
 * Every resource of the stack is named after its host (`web2-nrpe`, `web2-host-facts-os-release`): a
 * renamed host's resources get their old names as aliases, so the engine updates them in place instead of
 * creating new ones and deleting the old ones on the same machine (which would strip it).
 */
export function carryRenamedHosts(renames: readonly HostRename[]): void {
  if (!renames.length) return;
  pulumi.runtime.registerResourceTransform(({ name, props, opts }) => {
    const rename = renames.find(({ to }) => name === to || name.startsWith(`${to}-`));
    if (!rename) return undefined;
    return { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), { name: `${rename.from}${name.slice(rename.to.length)}` }] } };
  });
}
