import * as pulumi from '@pulumi/pulumi';

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
