import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';

/**
 * The one rule for each kind of value the site's description and the components' args carry. The
 * inventory schema is built from these schemas and every validator asks the predicates below, so a value
 * accepted in one place is accepted in all of them.
 */
export const ValueSchemas = {
  /** A dotted-quad IPv4 address, each part 0..255 without leading zeros. */
  ipv4: z.ipv4(),
  /** An IPv4 network, `198.18.0.0/24`. */
  cidr4: z.cidrv4(),
  /** A TCP or UDP port. */
  port: z.number().int().min(1).max(65535),
  /** A host's name in the description: also its resources' names, its Nagios host and its hostname. */
  hostName: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lower-case host name (letters, digits, dashes)'),
  /** A network interface's name as the kernel allows it, one word in every file that names it. */
  interfaceName: z.string().regex(/^[A-Za-z0-9_.-]{1,15}$/, 'must be a network interface name'),
  /**
   * An absolute path every config format and shell line here can carry: no blanks, no `..`, no
   * characters a shell or a config would read specially.
   */
  absolutePath: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path of letters, digits and ._-/')
    .refine((value) => !value.split('/').includes('..'), 'must not contain ..'),
} as const;

export function isIpv4(value: unknown): value is string {
  return ValueSchemas.ipv4.safeParse(value).success;
}

export function isCidr4(value: unknown): value is string {
  return ValueSchemas.cidr4.safeParse(value).success;
}

export function isPort(value: unknown): value is number {
  return ValueSchemas.port.safeParse(value).success;
}

export function isInterfaceName(value: unknown): value is string {
  return ValueSchemas.interfaceName.safeParse(value).success;
}

export function isAbsolutePath(value: unknown): value is string {
  return ValueSchemas.absolutePath.safeParse(value).success;
}

/** Whether a number, when given, lies in low..high (inclusive). */
export function inRange(value: number | undefined, low: number, high: number): boolean {
  return value === undefined || (Number.isFinite(value) && value >= low && value <= high);
}

/**
 * The value of an input that is already known while the program runs; undefined for an output or a
 * promise, which a validator checks again once it resolves.
 */
export function knownValue<T>(value: pulumi.Input<T> | undefined): T | undefined {
  return pulumi.Output.isInstance(value) || value instanceof Promise ? undefined : (value as T | undefined);
}
