import * as pulumi from '@pulumi/pulumi';
import { replaceNamePart } from '@hastack/host';
import type { HostRename } from './plan-problems';

/**
 * The name a resource had before its host was renamed: the site names every resource after its host, as
 * the name's first part (`web2-nrpe`) or after a tier's prefix (`db-db2-data`, `lvs-director1-notify`).
 */
export function formerName(name: string, renames: readonly HostRename[]): string | undefined {
  for (const { from, to } of renames) {
    const former = replaceNamePart(name, to, from);
    if (former !== undefined) return former;
  }
  return undefined;
}

/**
 * A renamed host's resources get their old names as aliases, so the engine updates them in place instead
 * of creating new ones and deleting the old ones on the same machine (which would strip it).
 */
export function carryRenamedHosts(renames: readonly HostRename[]): void {
  if (!renames.length) return;
  pulumi.runtime.registerResourceTransform(({ name, props, opts }) => {
    const former = formerName(name, renames);
    return former === undefined ? undefined : { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), { name: former }] } };
  });
}
