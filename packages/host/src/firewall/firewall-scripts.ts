import { shellQuote } from '../shell';
import { isCidr4, isIpv4, isPort } from '../values';

export const FirewallProtocols = ['tcp', 'udp', 'vrrp'] as const;
export type FirewallProtocol = (typeof FirewallProtocols)[number];

/** A rule with its sources known. */
export interface ResolvedFirewallRule {
  port?: number;
  protocol: FirewallProtocol;
  sources: readonly string[];
  description: string;
}

/** Every problem with the rules, each naming the rule and its field. */
export function firewallRuleProblems(rules: readonly Omit<ResolvedFirewallRule, 'sources'>[]): string[] {
  return rules.flatMap((rule, index) => {
    const at = `rules[${index}]`;
    const problems: string[] = [];
    if (!FirewallProtocols.includes(rule.protocol)) problems.push(`${at}.protocol: "${rule.protocol}" is not one of ${FirewallProtocols.join(', ')}`);
    if (rule.protocol === 'vrrp') {
      if (rule.port !== undefined) problems.push(`${at}.port: vrrp is a protocol of its own, without ports`);
    } else if (!isPort(rule.port)) {
      problems.push(`${at}.port: ${rule.port} is not a port (1..65535)`);
    }
    if (rule.description.trim() === '' || /[\n\r]/.test(rule.description)) problems.push(`${at}.description: one non-empty line`);
    return problems;
  });
}

/** Every problem with the resolved rules, their sources included; thrown by the renderers, which never render a bad rule. */
export function resolvedRuleProblems(rules: readonly ResolvedFirewallRule[]): string[] {
  const problems = firewallRuleProblems(rules);
  rules.forEach((rule, index) =>
    rule.sources.forEach((source, sourceIndex) => {
      if (!isIpv4(source) && !isCidr4(source)) problems.push(`rules[${index}].sources[${sourceIndex}]: "${source}" is not an IPv4 address or network`);
    }),
  );
  return problems;
}

/**
 * firewalld rich rules (IPv4) for the rules: one per source, or one for any source when none is given;
 * VRRP as the protocol it is (`protocol value="vrrp"`), not a port.
 */
export function renderRichRules(rules: readonly ResolvedFirewallRule[]): string[] {
  const problems = resolvedRuleProblems(rules);
  if (problems.length) throw new Error(`Firewall:\n${problems.join('\n')}`);
  const rendered = rules.flatMap((rule) => {
    const what = rule.protocol === 'vrrp' ? 'protocol value="vrrp"' : `port port="${rule.port}" protocol="${rule.protocol}"`;
    const sources = rule.sources.length ? rule.sources.map((source) => `source address="${source}" `) : [''];
    return sources.map((source) => `rule family="ipv4" ${source}${what} accept`);
  });
  return [...new Set(rendered)];
}

/** The rules an earlier run added (its stdout). */
const RECORDED = 'mapfile -t recorded < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | grep "^rule " || true)';
/** `one_of VALUE LIST...`: whether VALUE is one of the list. */
const ONE_OF = 'one_of() { local value="$1" item; shift; for item in "$@"; do [ "$item" != "$value" ] || return 0; done; return 1; }';

/**
 * The running daemon's permanent configuration, reloaded after a change; with firewalld stopped, its
 * configuration on disk (read when it starts); without firewalld, nothing to open.
 */
const FIREWALLD = [
  'if ! command -v firewall-cmd >/dev/null 2>&1; then echo "firewalld is not installed: there is no firewall to open" >&2; exit 0; fi',
  'if firewall-cmd --state >/dev/null 2>&1; then fw=(firewall-cmd --permanent) running=true; else fw=(firewall-offline-cmd) running=false; fi',
];

/**
 * Brings the zone's rich rules of this resource to `richRules`: adds those missing, removes those an earlier
 * run added (`recorded`) that are no longer wanted. Leaves in `ours` the wanted rules this resource owns, and
 * `changed` true when the zone changed.
 */
function syncRichRules(richRules: readonly string[]): string[] {
  return [
    `wanted=(${richRules.map(shellQuote).join(' ')})`,
    'ours=() changed=false',
    'for r in ${wanted[@]+"${wanted[@]}"}; do',
    '  if "${fw[@]}" --query-rich-rule="$r" >/dev/null 2>&1; then',
    '    if one_of "$r" ${recorded[@]+"${recorded[@]}"}; then ours+=("$r"); fi',
    '  else',
    '    "${fw[@]}" --add-rich-rule="$r" >&2',
    '    ours+=("$r") changed=true',
    '  fi',
    'done',
    'for r in ${recorded[@]+"${recorded[@]}"}; do',
    '  if one_of "$r" ${wanted[@]+"${wanted[@]}"}; then continue; fi',
    '  "${fw[@]}" --remove-rich-rule="$r" >&2 || true',
    '  changed=true',
    'done',
  ];
}

/**
 * Adds the rich rules that are missing and removes those an earlier run added that are no longer
 * wanted; prints the rules this resource added, so that destroy removes exactly those (a rule that was
 * there before is left to whoever made it).
 */
export function openFirewallScript(richRules: readonly string[]): string[] {
  return [
    RECORDED,
    ONE_OF,
    ...FIREWALLD,
    ...syncRichRules(richRules),
    'if $changed && $running; then firewall-cmd --reload >&2; fi',
    'printf "%s\\n" ${ours[@]+"${ours[@]}"}',
  ];
}

/** Removes the rules this resource added. */
export function closeFirewallScript(): string[] {
  return [
    RECORDED,
    'if ((${#recorded[@]} == 0)); then exit 0; fi',
    ...FIREWALLD,
    'for r in "${recorded[@]}"; do "${fw[@]}" --remove-rich-rule="$r" >&2 || true; done',
    'if $running; then firewall-cmd --reload >&2; fi',
  ];
}

/**
 * firewalld rich rules that let the admin sources reach SSH on `sshPort`: with them in place the zone's own
 * `ssh` service (and a port opened for sshd by hand) can go, so that no one else reaches it.
 */
export function renderSshRichRules(sshPort: number, adminSources: readonly string[]): string[] {
  return adminSources.map((source) => `rule family="ipv4" source address="${source}" port port="${sshPort}" protocol="tcp" accept`);
}

/**
 * Restricts SSH to the admin sources in the default zone: adds the rich rules that are missing, then removes
 * the zone's `ssh` service and `<port>/tcp` where present. Prints what it added and removed (`rule ...`,
 * `removed ...`), so that destroy undoes exactly that. With no admin sources, SSH stays as the zone has it.
 */
export function restrictSshScript(sshPort: number, richRules: readonly string[]): string[] {
  if (richRules.length === 0) return ['exit 0'];
  return [
    RECORDED,
    ONE_OF,
    'mapfile -t removed < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | sed -n "s/^removed //p" || true)',
    ...FIREWALLD,
    ...syncRichRules(richRules),
    `openings=(${sshPort === 22 ? "'service ssh' " : ''}${shellQuote(`port ${sshPort}/tcp`)})`,
    'for opening in "${openings[@]}"; do',
    '  kind="${opening%% *}" value="${opening#* }"',
    '  if "${fw[@]}" "--query-$kind=$value" >/dev/null 2>&1; then',
    '    "${fw[@]}" "--remove-$kind=$value" >&2',
    '    removed+=("$opening") changed=true',
    '  fi',
    'done',
    'if $changed && $running; then firewall-cmd --reload >&2; fi',
    'if ((${#ours[@]})); then printf "%s\\n" "${ours[@]}"; fi',
    'if ((${#removed[@]})); then printf "removed %s\\n" "${removed[@]}"; fi',
  ];
}

/** Gives SSH back to everyone the zone let in before: the openings removed come back, the rich rules go. */
export function releaseSshScript(): string[] {
  return [
    RECORDED,
    'mapfile -t removed < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | sed -n "s/^removed //p" || true)',
    'if ((${#recorded[@]} + ${#removed[@]} == 0)); then exit 0; fi',
    ...FIREWALLD,
    'for opening in ${removed[@]+"${removed[@]}"}; do "${fw[@]}" "--add-${opening%% *}=${opening#* }" >&2 || true; done',
    'for r in ${recorded[@]+"${recorded[@]}"}; do "${fw[@]}" --remove-rich-rule="$r" >&2 || true; done',
    'if $running; then firewall-cmd --reload >&2; fi',
  ];
}
