/** Values validated by the director pair's arguments (IPv4 addresses, ports, an interface name): one word each in systemd's syntax. */
export interface CrashCleanup {
  /** The interface keepalived adds the VIPs to. */
  interface: string;
  vips: { address: string; prefixLength: number }[];
  /** The IPVS virtual services keepalived creates, one per VIP and service. */
  virtualServices: { address: string; port: number; protocol: 'TCP' | 'UDP' }[];
  /** Seconds systemd waits before starting a dead keepalived again. */
  restartSeconds: number;
}

/**
 * A systemd drop-in for keepalived. A keepalived killed without its goodbye (SIGKILL, the OOM killer)
 * leaves its VIPs on the interface and its IPVS services in the kernel: the director keeps answering
 * ARP for the VIP and resets connections until the peer's gratuitous ARP wins. systemd runs the stop
 * commands however the daemon ended, so they take the VIPs and services away, then starts it again; a
 * daemon that keeps dying stops being restarted (the start limit) rather than flapping the VIP.
 */
export function renderCrashCleanup(cleanup: CrashCleanup): string {
  const flag = (protocol: 'TCP' | 'UDP') => (protocol === 'TCP' ? '-t' : '-u');
  const stopCommands = [
    ...cleanup.vips.map((vip) => `ip -4 addr del ${vip.address}/${vip.prefixLength} dev ${cleanup.interface}`),
    ...cleanup.virtualServices.map((service) => `ipvsadm -D ${flag(service.protocol)} ${service.address}:${service.port}`),
  ];
  return [
    '# Written by hastack: what a keepalived that dies without cleaning up leaves behind is removed.',
    '[Unit]',
    'StartLimitIntervalSec=120',
    'StartLimitBurst=5',
    '',
    '[Service]',
    'Restart=on-failure',
    `RestartSec=${cleanup.restartSeconds}`,
    // "-": a VIP or service already gone (a clean stop removed it) is not a failure.
    ...stopCommands.map((command) => `ExecStopPost=-${command}`),
    '',
  ].join('\n');
}
