import { renderRealServerUnit } from './render-real-server-unit';

describe('renderRealServerUnit', () => {
  const unit = renderRealServerUnit(['198.18.0.100']);

  it('adds the VIP as a /32 on lo on start and removes it on stop', () => {
    expect(unit).toContain('ExecStart=/sbin/ip addr replace 198.18.0.100/32 dev lo scope host');
    expect(unit).toContain('ExecStop=-/sbin/ip addr del 198.18.0.100/32 dev lo');
  });

  it('stays applied after start and starts at boot before the web server', () => {
    expect(unit).toContain('RemainAfterExit=yes');
    expect(unit).toContain('WantedBy=multi-user.target');
    expect(unit).toMatch(/Before=.*apache2\.service/);
  });

  it('refuses an address that is not IPv4', () => {
    expect(() => renderRealServerUnit(['198.18.0.100; rm -rf /'])).toThrow('is not an IPv4 address');
  });
});
