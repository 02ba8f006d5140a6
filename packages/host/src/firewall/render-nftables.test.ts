import { nftComment, renderFirewallBase, renderFirewallUnit, renderNftablesRules } from './render-nftables';

describe('renderNftablesRules', () => {
  it('adds one rule per declared rule to the stack table, its sources as one set, VRRP as IP protocol 112', () => {
    expect(
      renderNftablesRules([
        { port: 3306, protocol: 'tcp', sources: ['198.18.0.21', '198.18.0.0/24', '198.18.0.21'], description: 'MariaDB from the web servers' },
        { protocol: 'vrrp', sources: ['198.18.0.12'], description: 'VRRP adverts of the peer director' },
        { protocol: 'vrrp', sources: [], description: 'VRRP from anywhere' },
        { port: 8848, protocol: 'udp', sources: ['198.18.0.12'], description: 'IPVS connection sync from the peer' },
        { port: 80, protocol: 'tcp', sources: [], description: "HTTP from clients and the directors' checks" },
      ]),
    ).toBe(
      [
        '# Rendered by hastack (host layer).',
        'add rule inet hastack input ip saddr { 198.18.0.21, 198.18.0.0/24 } tcp dport 3306 accept comment "MariaDB from the web servers"',
        'add rule inet hastack input ip saddr { 198.18.0.12 } ip protocol 112 accept comment "VRRP adverts of the peer director"',
        'add rule inet hastack input meta l4proto 112 accept comment "VRRP from anywhere"',
        'add rule inet hastack input ip saddr { 198.18.0.12 } udp dport 8848 accept comment "IPVS connection sync from the peer"',
        `add rule inet hastack input tcp dport 80 accept comment "HTTP from clients and the directors' checks"`,
        '',
      ].join('\n'),
    );
  });

  it('is never empty, so that the command always feeds it', () => {
    expect(renderNftablesRules([])).toBe('# Rendered by hastack (host layer).\n');
  });

  it('names every bad rule, as the firewalld renderer does', () => {
    expect(() =>
      renderNftablesRules([
        { protocol: 'tcp', sources: [], description: 'no port' },
        { port: 80, protocol: 'tcp', sources: ['198.18.0.0/33'], description: 'x' },
      ]),
    ).toThrow('Firewall:\nrules[0].port: undefined is not a port (1..65535)\nrules[1].sources[0]: "198.18.0.0/33" is not an IPv4 address or network');
  });
});

describe('nftComment', () => {
  it('turns double quotes, which nft strings cannot escape, into single ones', () => {
    expect(nftComment('the "web" servers')).toBe(`comment "the 'web' servers"`);
  });

  it('cuts a description to the 128 bytes nft allows, at a character boundary', () => {
    expect(nftComment('x'.repeat(200))).toBe(`comment "${'x'.repeat(128)}"`);
    expect(nftComment(`${'x'.repeat(127)}é`)).toBe(`comment "${'x'.repeat(127)}"`);
  });
});

describe('renderFirewallBase', () => {
  it('replaces only the stack table, drops what no rule accepts, and admits SSH from the admins only', () => {
    const base = renderFirewallBase({ sshPort: 2222, adminSources: ['10.0.0.0/8', '198.18.0.5'] });
    expect(base).toMatch(/^# .*\ntable inet hastack\ndelete table inet hastack\ntable inet hastack \{\n\tchain input \{\n/);
    expect(base).toContain('\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\tiif lo accept\n');
    expect(base).not.toContain('invalid');
    expect(base).toContain('\t\tiif lo accept\n');
    expect(base).toContain('icmp type { echo-request,');
    expect(base).toContain('nd-neighbor-solicit, nd-neighbor-advert');
    expect(base).toContain('\t\tip saddr { 10.0.0.0/8, 198.18.0.5 } tcp dport 2222 accept comment "SSH from the admins"\n');
    expect(base).not.toMatch(/flush|nftables\.conf|include/);
  });

  it('admits SSH from anywhere without admin sources', () => {
    expect(renderFirewallBase({ sshPort: 22, adminSources: [] })).toContain('\t\ttcp dport 22 accept comment "SSH from anywhere (no admin sources)"\n');
  });

  it('refuses what would break the file, naming each value', () => {
    expect(() => renderFirewallBase({ sshPort: 0, adminSources: ['10.0.0.0/8', '10.0.0.1; flush ruleset'] })).toThrow(
      'FirewallBase:\nsshPort: 0 is not a port (1..65535)\nadminSources[1]: "10.0.0.1; flush ruleset" is not an IPv4 address or network',
    );
  });
});

describe('renderFirewallUnit', () => {
  const unit = renderFirewallUnit({ dir: '/etc/hastack/firewall', unit: '/etc/systemd/system/hastack-firewall.service' });

  it('loads the composed ruleset before the network, after nftables.service and its flush, and deletes the table on stop', () => {
    expect(unit).toContain('Before=network-pre.target shutdown.target\nAfter=nftables.service\n');
    expect(unit).toContain('Type=oneshot\nRemainAfterExit=yes\n');
    expect(unit).toContain('ExecStart=/usr/sbin/nft -f /etc/hastack/firewall/ruleset.nft\n');
    expect(unit).toContain('ExecStop=/usr/sbin/nft delete table inet hastack\n');
    expect(unit).toContain('[Install]\nWantedBy=sysinit.target\n');
  });
});
