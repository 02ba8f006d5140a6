import { CheckRunners, shellQuote, unitCheck } from '@hastack/host';
import type { Host, TierCheck } from '@hastack/host';

/** What the monitoring server asks of one web server over HTTP, and where. */
export interface WebCheckTarget {
  host: Host;
  port: number;
  /** The application's page: it answers 200 only when the database answers too. */
  pagePath: string;
  /** The directors' health URL: local, so it stays up when the database is down. */
  healthPath: string;
}

/** The monitoring server's request for `path` at `address`: 200 within 10 s, or CRITICAL. */
export function httpCheckCommand(address: string, port: number, path: string): string {
  return `check_http -I ${shellQuote(address)} -p ${port} -u ${shellQuote(path)} -e 200 -t 10`;
}

function httpCheck(host: Host, port: number, path: string) {
  return host.dataAddress.apply((address) => httpCheckCommand(address, port, path));
}

/**
 * Per web server: the web server daemon (through the host's agent), and from the monitoring server the
 * application's page and the health URL the directors check, which a stopped daemon explains.
 */
export function webChecks(target: WebCheckTarget): TierCheck[] {
  const { host, port } = target;
  const daemon = { host: host.name, name: 'apache' };
  return [
    { ...daemon, command: unitCheck(host.profile.services.webServer), runsOn: CheckRunners.host },
    { host: host.name, name: 'http-page', command: httpCheck(host, port, target.pagePath), runsOn: CheckRunners.monitoringServer, dependsOn: [daemon] },
    { host: host.name, name: 'http-health', command: httpCheck(host, port, target.healthPath), runsOn: CheckRunners.monitoringServer, dependsOn: [daemon] },
  ];
}
