import { KeepalivedConf, renderKeepalivedConf } from './render-keepalived-conf';

const base: KeepalivedConf = {
  routerId: 'director1',
  vrrp: {
    instanceName: 'VI_51',
    state: 'MASTER',
    interface: 'eth0',
    virtualRouterId: 51,
    priority: 150,
    advertIntervalSeconds: 0.2,
    version: 3,
    preempt: true,
    unicastSourceAddress: '198.18.0.11',
    unicastPeers: ['198.18.0.12'],
    vips: [{ address: '198.18.0.100', prefixLength: 24 }],
    notifyScript: '/etc/keepalived/hastack-notify.sh',
  },
  connectionSync: { interface: 'eth0', syncId: 51 },
  virtualServers: [
    {
      address: '198.18.0.100',
      port: 80,
      protocol: 'TCP',
      scheduler: 'wrr',
      healthCheck: { type: 'HTTP_GET', path: '/health', expectStatus: 200, intervalSeconds: 1, timeoutSeconds: 1, retries: 1, retryDelaySeconds: 0.5 },
      realServers: [
        { address: '198.18.0.21', port: 80, weight: 3 },
        { address: '198.18.0.22', port: 80, weight: 1 },
      ],
    },
  ],
};

describe('renderKeepalivedConf', () => {
  const text = renderKeepalivedConf(base);

  it('forwards by direct routing, which keepalived does not default to', () => {
    expect(text).toContain('lvs_method DR');
    expect(text).not.toMatch(/lvs_method NAT|lb_kind NAT/);
  });

  it('renders the VRRP instance with sub-second adverts under version 3', () => {
    expect(text).toContain('vrrp_version 3');
    expect(text).toContain('advert_int 0.2');
    expect(text).toContain('198.18.0.100/24 dev eth0');
    expect(text).not.toContain('vrrp_strict');
  });

  it('speaks unicast to the peer alone and drops adverts from any other source', () => {
    // Indented once: inside vrrp_instance, where keepalived reads check_unicast_src (2.1.0 and later).
    expect(text).toContain(['  unicast_src_ip 198.18.0.11', '  unicast_peer {', '    198.18.0.12', '  }', '  check_unicast_src'].join('\n'));
    expect(text).not.toMatch(/mcast_src_ip|mcast_dst_ip|vrrp_check_unicast_src/);
  });

  it('keeps a master advertising on schedule while a stranger sends to it', () => {
    expect(text).toContain('  check_unicast_src\n  lower_prio_no_advert\n');
  });

  it('refuses a peer list that would leave the sources unchecked', () => {
    expect(() => renderKeepalivedConf({ ...base, vrrp: { ...base.vrrp, unicastPeers: [] } })).toThrow('no unicast peer');
    expect(() => renderKeepalivedConf({ ...base, vrrp: { ...base.vrrp, unicastPeers: ['198.18.0.12', '198.18.0.11'] } })).toThrow(
      "unicast peer 198.18.0.11 is the director's own address",
    );
  });

  it('turns script security on for the notify hook', () => {
    expect(text).toContain('enable_script_security');
    expect(text).toContain('notify /etc/keepalived/hastack-notify.sh');
  });

  it('renders each real server with its weight and the health check', () => {
    expect(text).toMatch(/real_server 198\.18\.0\.21 80 \{\n\s+weight 3\n\s+HTTP_GET \{\n\s+url \{\n\s+path \/health\n\s+status_code 200/);
    expect(text).toContain('delay_before_retry 0.5');
  });

  it('syncs connections to the peer', () => {
    expect(text).toContain('lvs_sync_daemon eth0 VI_51 id 51');
  });

  it('balances its braces', () => {
    expect((text.match(/\{/g) ?? []).length).toBe((text.match(/\}/g) ?? []).length);
  });

  it('renders nopreempt, authentication, persistence, a sorry server and TCP checks when asked', () => {
    const other = renderKeepalivedConf({
      ...base,
      vrrp: { ...base.vrrp, state: 'BACKUP', preempt: false, version: 2, authPassword: 'Secr3t', advertIntervalSeconds: 1 },
      connectionSync: undefined,
      virtualServers: [
        {
          ...base.virtualServers[0],
          persistenceTimeoutSeconds: 300,
          sorryServer: { address: '198.18.0.41', port: 80 },
          healthCheck: { type: 'TCP_CHECK', intervalSeconds: 2, timeoutSeconds: 1, retries: 2, retryDelaySeconds: 1 },
        },
      ],
    });
    expect(other).toContain('nopreempt');
    expect(other).toContain('auth_pass Secr3t');
    expect(other).toContain('check_unicast_src');
    expect(other).toContain('persistence_timeout 300');
    expect(other).toContain('sorry_server 198.18.0.41 80');
    expect(other).toContain('TCP_CHECK {');
    expect(other).not.toContain('lvs_sync_daemon');
  });

  it('refuses a value that would break out of its block', () => {
    expect(() => renderKeepalivedConf({ ...base, routerId: 'x }\nvrrp_strict' })).toThrow('router id');
  });
});
