import { adminSourceProblems } from '../connection/host';
import { isPort } from '../values';
import { ResolvedFirewallRule, resolvedRuleProblems } from './firewall-scripts';

/** The stack's own table: the only one it ever loads, replaces or deletes. */
export const NFT_TABLE = 'inet hastack';

/** Where the base's and the tiers' files live, and the unit that loads them at boot. */
export interface NftablesPaths {
  /** Holds `base.nft`, the tiers' fragments in `rules.d/`, and `ruleset.nft`, the two composed. */
  dir: string;
  /** The systemd unit's file. */
  unit: string;
}

export interface FirewallBaseOptions {
  /** The port sshd listens on: the host's connection port. */
  sshPort: number;
  /** Who may reach SSH; any source when empty. */
  adminSources: readonly string[];
}

/** nft's limit on a comment, in bytes. */
const COMMENT_BYTES = 128;

/**
 * A description as an nft comment: nft's strings have no escape for `"`, and longer comments are refused,
 * so the text is cut at a character boundary.
 */
export function nftComment(text: string): string {
  let comment = text.replace(/"/g, "'");
  while (Buffer.byteLength(comment) > COMMENT_BYTES) comment = [...comment].slice(0, -1).join('');
  return `comment "${comment}"`;
}

const saddr = (sources: readonly string[]) => (sources.length ? `ip saddr { ${[...new Set(sources)].join(', ')} } ` : '');

/**
 * The host's base: the stack's own table, declared, deleted and defined again, so that one `nft -f` of it
 * replaces the table whether or not it was loaded, in one transaction (Debian 12's nft 1.0.6 has no
 * `destroy`), and leaves every other table alone. Its input chain drops what no rule accepts: replies,
 * loopback, the ICMP and ICMPv6 a network needs, SSH from the admins; the tiers' rules follow it.
 */
export function renderFirewallBase(options: FirewallBaseOptions): string {
  const problems = [...(isPort(options.sshPort) ? [] : [`sshPort: ${options.sshPort} is not a port (1..65535)`]), ...adminSourceProblems(options.adminSources)];
  if (problems.length) throw new Error(`FirewallBase:\n${problems.join('\n')}`);
  const ssh = options.adminSources.length ? 'SSH from the admins' : 'SSH from anywhere (no admin sources)';
  return [
    "# Rendered by hastack (host layer): the host firewall's base; the tiers' rules follow it.",
    `table ${NFT_TABLE}`,
    `delete table ${NFT_TABLE}`,
    `table ${NFT_TABLE} {`,
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy drop;',
    // No `ct state invalid drop`: an LVS-DR director never sees its real servers' replies, so conntrack calls
    // the clients' later packets (their FINs too) invalid; dropped, IPVS would count every connection open for
    // 15 minutes and a real server would never drain. What conntrack cannot place still meets the rules below.
    '\t\tct state established,related accept',
    '\t\tiif lo accept',
    '\t\ticmp type { echo-request, destination-unreachable, time-exceeded, parameter-problem } accept',
    // Neighbour discovery and router adverts, or IPv6 stops working on the link; packet-too-big, or path MTU discovery does.
    '\t\ticmpv6 type { echo-request, destination-unreachable, packet-too-big, time-exceeded, parameter-problem, ' +
      'nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, mld-listener-query } accept',
    // Replies of a DHCPv6 server answer a multicast request, which conntrack cannot pair them with.
    '\t\tip6 saddr fe80::/10 udp dport 546 accept',
    `\t\t${saddr(options.adminSources)}tcp dport ${options.sshPort} accept ${nftComment(ssh)}`,
    '\t}',
    '}',
    '',
  ].join('\n');
}

/**
 * One tier's rules as nft commands appended to the base's input chain: one line per rule, its sources as
 * one set (any source when none), VRRP as IP protocol 112 rather than a port, the description as the
 * rule's comment.
 */
export function renderNftablesRules(rules: readonly ResolvedFirewallRule[]): string {
  const problems = resolvedRuleProblems(rules);
  if (problems.length) throw new Error(`Firewall:\n${problems.join('\n')}`);
  const lines = rules.map((rule) => {
    const what = rule.protocol === 'vrrp' ? (rule.sources.length ? 'ip protocol 112' : 'meta l4proto 112') : `${rule.protocol} dport ${rule.port}`;
    return `add rule ${NFT_TABLE} input ${saddr(rule.sources)}${what} accept ${nftComment(rule.description)}`;
  });
  // Never empty: the command feeds no stdin for an empty text.
  return ['# Rendered by hastack (host layer).', ...new Set(lines), ''].join('\n');
}

/**
 * The unit that loads the composed ruleset at boot, as Debian's own nftables.service loads
 * /etc/nftables.conf: before any interface comes up, and after that service, whose `flush ruleset` would
 * otherwise drop the table. Stopping it deletes the table.
 */
export function renderFirewallUnit(paths: NftablesPaths): string {
  const ruleset = `${paths.dir}/ruleset.nft`;
  // No `Documentation=man:...`: `systemd-analyze verify`, which checks the unit first, fails where man is not installed.
  return [
    '# Rendered by hastack (host layer).',
    '[Unit]',
    `Description=hastack host firewall (nftables table ${NFT_TABLE})`,
    'Wants=network-pre.target',
    'Before=network-pre.target shutdown.target',
    'After=nftables.service',
    'Conflicts=shutdown.target',
    'DefaultDependencies=no',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    'StandardInput=null',
    `ExecStart=/usr/sbin/nft -f ${ruleset}`,
    `ExecReload=/usr/sbin/nft -f ${ruleset}`,
    `ExecStop=/usr/sbin/nft delete table ${NFT_TABLE}`,
    '',
    '[Install]',
    'WantedBy=sysinit.target',
    '',
  ].join('\n');
}
