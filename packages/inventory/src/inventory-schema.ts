import { z } from 'zod';
import { OperatingSystems, unsupportedOsMessage, ValueSchemas } from '@hastack/host';

export const HostRoles = ['director', 'web', 'db-primary', 'db-replica', 'dfs-master', 'dfs-metalogger', 'dfs-chunkserver', 'monitoring'] as const;
export type HostRole = (typeof HostRoles)[number];

const siteHost = z.strictObject({
  name: ValueSchemas.hostName,
  roles: z.array(z.enum(HostRoles)).min(1, 'at least one role is needed'),
  address: ValueSchemas.ipv4,
  port: ValueSchemas.port.default(22),
  user: z.string().min(1).default('root'),
  os: z.enum(OperatingSystems, { error: (issue) => unsupportedOsMessage(String(issue.input)) }),
  interface: ValueSchemas.interfaceName,
  /** The host's SSH host key (`ssh-ed25519 AAAA...`): verified on every connection when given. */
  hostKey: z
    .string()
    .regex(/^(ssh|ecdsa)-[a-z0-9-]+ [A-Za-z0-9+/=]+$/, 'must be a public key line like "ssh-ed25519 AAAA..."')
    .optional(),
  /**
   * This host's data (MariaDB data and backups, MooseFS metadata and chunks) may be overwritten by the next
   * deployment: the consent an edit that would overwrite it needs (a moved primary or master). For one
   * deployment only; a deployment that has no use for it warns.
   */
  discardData: z.boolean().optional(),
  /** Share of the load this host takes as a real server (1). */
  weight: z.number().int().min(0).max(65535).default(1),
});

/** A host of an inventory file: how to reach it includes the SSH key file, read where the program runs. */
const inventoryHost = siteHost.extend({ privateKeyPath: z.string().min(1) });

/**
 * The site description: hosts and roles, network, VIP and VRRP router id. An environment whose SSH key
 * comes from its stack configuration (a secret) gives this; an inventory file adds each host's key file.
 */
export const siteDescriptionSchema = z.strictObject({
  environment: z.string().min(1),
  network: z.strictObject({
    cidr: ValueSchemas.cidr4,
    gateway: ValueSchemas.ipv4,
    /**
     * Where the operators and the deploying machine come from (addresses or networks): the only sources
     * the hosts' firewalls let reach SSH. Any source when absent, as a fresh firewalld zone allows.
     */
    admin: z
      .array(z.union([ValueSchemas.ipv4, ValueSchemas.cidr4]))
      .min(1)
      .optional(),
  }),
  vip: ValueSchemas.ipv4,
  /** VRRP router id of the directors' VIP, unique among the VRRP routers on the segment (51, keepalived's sample). */
  virtualRouterId: z.number().int().min(1).max(255).default(51),
  smsGateway: z.strictObject({ url: z.url(), recordsFile: z.string().optional() }).optional(),
  hosts: z.array(siteHost).min(1),
});

export const inventorySchema = siteDescriptionSchema.extend({ hosts: z.array(inventoryHost).min(1) });

export type SiteDescription = z.infer<typeof siteDescriptionSchema>;
export type SiteDescriptionHost = SiteDescription['hosts'][number];
export type Inventory = z.infer<typeof inventorySchema>;
export type InventoryHost = Inventory['hosts'][number];
