import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { HostRole, Inventory, inventorySchema, SiteDescription, siteDescriptionSchema } from './inventory-schema';

/** The roles the deployed tiers need, with how many hosts may hold each. */
const REQUIRED_ROLES: ReadonlyArray<{ role: HostRole; min: number; max: number }> = [
  { role: 'director', min: 2, max: 2 },
  { role: 'web', min: 1, max: Infinity },
];

export class InventoryError extends Error {
  constructor(
    source: string,
    public readonly problems: string[],
  ) {
    super(`invalid site description in ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InventoryError';
  }
}

function toNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inSubnet(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}

function crossChecks(inventory: SiteDescription): string[] {
  const problems: string[] = [];
  const { hosts, vip, network } = inventory;
  const vipOwner = hosts.find((h) => h.address === vip);
  if (vipOwner) problems.push(`vip: ${vip} is the address of host "${vipOwner.name}"`);
  if (vip === network.gateway) problems.push(`vip: ${vip} is the network's gateway`);
  if (!inSubnet(vip, network.cidr)) problems.push(`vip: ${vip} is outside the hosts' network ${network.cidr}`);
  hosts.forEach((host, i) => {
    if (!inSubnet(host.address, network.cidr)) problems.push(`hosts[${i}].address: ${host.address} (${host.name}) is outside ${network.cidr}`);
    const keyFile = 'privateKeyPath' in host ? String(host.privateKeyPath) : undefined;
    if (keyFile === undefined) return;
    try {
      accessSync(keyFile, constants.R_OK);
    } catch (error) {
      problems.push(`hosts[${i}].privateKeyPath: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code})`);
    }
  });
  for (const { role, min, max } of REQUIRED_ROLES) {
    const count = hosts.filter((h) => h.roles.includes(role)).length;
    if (count < min || count > max) {
      const wanted = max === Infinity ? `at least ${min}` : min === max ? `exactly ${min}` : `${min}..${max}`;
      problems.push(`hosts: role "${role}" needs ${wanted} host(s), found ${count}`);
    }
  }
  return problems;
}

/** Names and addresses given twice, read from the data as given, so they are reported beside shape problems. */
function repeatedHosts(data: unknown): string[] {
  const hosts = (data as { hosts?: unknown } | null)?.hosts;
  if (!Array.isArray(hosts)) return [];
  const field = (key: string) =>
    hosts.map((host) => (host as Record<string, unknown> | null)?.[key]).filter((value): value is string => typeof value === 'string');
  return [
    ...duplicates(field('name')).map((name) => `hosts: the name "${name}" is used twice`),
    ...duplicates(field('address')).map((address) => `hosts: the address ${address} is used twice`),
  ];
}

function validateWith<T extends SiteDescription>(schema: z.ZodType<T>, data: unknown, source: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new InventoryError(source, [
      ...parsed.error.issues.map(
        (issue) =>
          `${
            issue.path
              .map(String)
              .join('.')
              .replace(/\.(\d+)/g, '[$1]') || '(root)'
          }: ${issue.message}`,
      ),
      ...repeatedHosts(data),
    ]);
  }
  const problems = [...repeatedHosts(data), ...crossChecks(parsed.data)];
  if (problems.length) throw new InventoryError(source, problems);
  return parsed.data;
}

/** Parses and checks an inventory file's data; throws one InventoryError listing every problem, each with its path. */
export function validateInventory(data: unknown, source: string): Inventory {
  return validateWith(inventorySchema, data, source);
}

/** The same checks for a site description without key files (an environment's stack configuration). */
export function validateSiteDescription(data: unknown, source: string): SiteDescription {
  return validateWith(siteDescriptionSchema, data, source);
}
