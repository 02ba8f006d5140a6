import { z } from 'zod';

const ipv4 = z.ipv4();

/** One IPv4 address, by the same rule the inventory checks host addresses with. */
export function isIpv4(value: string): boolean {
  return ipv4.safeParse(value).success;
}

/**
 * An absolute path the daemons' line formats can carry: no blanks (mfshdd.cfg splits a path from its
 * limit at the first one), no `..`, no characters a shell or a config would read specially.
 */
export function isPlainAbsolutePath(value: string): boolean {
  return /^\/[A-Za-z0-9._/-]*$/.test(value) && !value.split('/').includes('..');
}

/** A MooseFS size (mfshdd.cfg, HDD_LEAVE_SPACE_DEFAULT): digits, an optional SI/IEC prefix and B; "-" allowed in front. */
export function isSize(value: string): boolean {
  return /^-?[0-9]*(\.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?$/.test(value) && /[0-9]/.test(value);
}
