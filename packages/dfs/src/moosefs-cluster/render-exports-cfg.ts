import { isIpv4 } from '@hastack/host';

/** Plain, resolved values of mfsexports.cfg. */
export interface ExportsConf {
  /** Hosts that mount the tree read-write: each by its address, nothing wider. */
  clients: string[];
  /** The one address with administrative rights (goals, quotas): the master's own. */
  adminAddress: string;
}

function address(value: string): string {
  if (!isIpv4(value)) throw new Error(`mfsexports.cfg: "${value}" is not a single IPv4 address`);
  return value;
}

/**
 * Renders mfsexports.cfg. The sample MooseFS ships exports `/` read-write to every address (`*`); this
 * one lists single addresses only. Root on a client stays root (maproot=0:0): the clients are the
 * stack's own servers, which create folders for their services' users.
 */
export function renderExportsCfg(conf: ExportsConf): string {
  const clients = [...new Set(conf.clients.map(address))].filter((client) => client !== conf.adminAddress);
  return [
    '# Rendered by hastack (dfs tier); edits are overwritten on the next deployment.',
    '# Only the addresses below may mount; MooseFS refuses every other one.',
    `${address(conf.adminAddress)}\t/\trw,alldirs,admin,maproot=0:0`,
    ...clients.map((client) => `${client}\t/\trw,alldirs,maproot=0:0`),
    '',
  ].join('\n');
}
