import * as pulumi from '@pulumi/pulumi';
import type { Host } from '../connection/host';

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function checked(value: string): string {
  if (!HOST_NAME.test(value)) {
    throw new Error(`"${value}" cannot name a file or unit on a host: use letters, digits, ".", "_" and "-" in stack and resource names`);
  }
  return value;
}

/**
 * A name for what a component leaves on a host (a file in /etc/sysctl.d, a timer, a script): the stack's
 * name, then the component's, so that two stacks managing one host never write the same one.
 */
export function stackScopedName(name: string, stack: string = pulumi.getStack()): string {
  return checked(`${stack}-${name}`);
}

/** The folder where a stack keeps what it must remember about a host between deployments. */
export function stackStateDir(stack: string = pulumi.getStack()): string {
  return `/var/lib/hastack/${checked(stack)}`;
}

/** One record of component `name` in the stack's folder: `/var/lib/hastack/<stack>/<kind>/<name><suffix>`. */
export function stackStateFile(kind: string, name: string, suffix: string, stack: string = pulumi.getStack()): string {
  return `${stackStateDir(stack)}/${kind}/${checked(name)}${suffix}`;
}

/**
 * `name` with its dash-separated part `from` (`web2` in `web2-nrpe`, `db-web2-data`) replaced by `to`;
 * undefined when no run of its parts spells `from`.
 */
export function replaceNamePart(name: string, from: string, to: string): string | undefined {
  const parts = name.split('-');
  const width = from.split('-').length;
  for (let at = 0; at + width <= parts.length; at++) {
    if (parts.slice(at, at + width).join('-') === from) return [...parts.slice(0, at), to, ...parts.slice(at + width)].join('-');
  }
  return undefined;
}

/**
 * The name component `name` gives what it leaves on `host` (a file in /etc/sysctl.d, a timer, a record):
 * the host's part of it is the host's original name, so that renaming a host rewrites nothing on it and
 * leaves no file behind under the new name.
 */
export function onHostName(name: string, host: Pick<Host, 'name' | 'originalName'>): string {
  if (host.originalName === host.name) return name;
  return replaceNamePart(name, host.name, host.originalName) ?? name;
}
