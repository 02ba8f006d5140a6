/** One host or service as Nagios's status data has it. */
export interface NagiosStatusEntry {
  host: string;
  /** Absent for a host. */
  service?: string;
  /** Hosts: UP, DOWN, UNREACHABLE; services: OK, WARNING, CRITICAL, UNKNOWN; PENDING before the first check. */
  state: string;
  /** Whether the state is HARD (confirmed by max_check_attempts checks, and notified). */
  hard: boolean;
  output: string;
  /** Problem notifications sent for the current problem. */
  notifications: number;
}

export interface NagiosStatus {
  hosts: NagiosStatusEntry[];
  services: NagiosStatusEntry[];
}

const HOST_STATES = ['UP', 'DOWN', 'UNREACHABLE'];
const SERVICE_STATES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'];

/** Reads Nagios's status file (`status.dat`): every host and service with its current state. */
export function parseNagiosStatus(text: string): NagiosStatus {
  const status: NagiosStatus = { hosts: [], services: [] };
  for (const match of text.matchAll(/^(hoststatus|servicestatus) \{\n([\s\S]*?)\n\s*\}/gm)) {
    const fields = new Map<string, string>();
    for (const line of match[2].split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1));
    }
    const isHost = match[1] === 'hoststatus';
    const checked = fields.get('has_been_checked') === '1';
    const entry: NagiosStatusEntry = {
      host: fields.get('host_name') ?? '',
      state: checked ? ((isHost ? HOST_STATES : SERVICE_STATES)[Number(fields.get('current_state'))] ?? 'UNKNOWN') : 'PENDING',
      hard: fields.get('state_type') === '1',
      output: fields.get('plugin_output') ?? '',
      notifications: Number(fields.get('current_notification_number') ?? 0),
    };
    if (isHost) status.hosts.push(entry);
    else status.services.push({ ...entry, service: fields.get('service_description') ?? '' });
  }
  return status;
}

/** How many hosts or services are in each state ("UP: 10", "CRITICAL: 1"). */
export function countStates(entries: readonly NagiosStatusEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.state] = (counts[entry.state] ?? 0) + 1;
  return counts;
}
