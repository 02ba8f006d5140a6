import { renderCrashCleanup } from './render-crash-cleanup';

describe('renderCrashCleanup', () => {
  const text = renderCrashCleanup({
    interface: 'eth0',
    vips: [{ address: '198.18.0.100', prefixLength: 24 }],
    virtualServices: [
      { address: '198.18.0.100', port: 80, protocol: 'TCP' },
      { address: '198.18.0.100', port: 53, protocol: 'UDP' },
    ],
    restartSeconds: 5,
  });

  it('removes every VIP and IPVS service however keepalived stopped, ignoring those already gone', () => {
    expect(text).toContain('ExecStopPost=-ip -4 addr del 198.18.0.100/24 dev eth0\n');
    expect(text).toContain('ExecStopPost=-ipvsadm -D -t 198.18.0.100:80\n');
    expect(text).toContain('ExecStopPost=-ipvsadm -D -u 198.18.0.100:53\n');
  });

  it('starts a dead keepalived again, within a start limit', () => {
    expect(text).toMatch(/\[Service\]\nRestart=on-failure\nRestartSec=5\n/);
    expect(text).toMatch(/\[Unit\]\nStartLimitIntervalSec=\d+\nStartLimitBurst=\d+\n/);
  });
});
