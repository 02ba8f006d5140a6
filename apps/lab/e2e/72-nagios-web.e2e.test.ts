import { labSsh, labStranger } from '@hastack/lab-machines';
import { hostsWithRole } from '../src/probes/failover';
import { waitUntilAllGreen } from '../src/probes/nagios';
import { openServicesPage, type NagiosWebLogin } from '../src/probes/nagios-web';
import { e2eStack, inventory, nagiosWebLogin, screenshotPath } from './support';

const withMonitoring = !e2eStack.tiers || e2eStack.tiers.includes('monitoring');
(withMonitoring ? describe : describe.skip)("Nagios's web interface: the admin network only, behind the generated password", () => {
  jest.setTimeout(3 * 60_000);
  let login: NagiosWebLogin;

  beforeAll(async () => {
    login = await nagiosWebLogin();
  });

  it('renders in Chromium, logged in, every host and service of the site, all OK', async () => {
    const status = await waitUntilAllGreen(inventory, 180_000);
    const screenshot = screenshotPath('nagios-services.png');
    const page = await openServicesPage(login, screenshot);
    console.log(`the services page lists ${page.hosts.length} hosts and ${page.services.length} services; screenshot: ${screenshot}`);
    expect(page.status).toBe(200);
    expect(page.hosts.sort()).toEqual([...new Set(status.hosts.map((h) => h.host))].sort());
    const key = (row: { host: string; service?: string }) => `${row.host}/${row.service}`;
    expect(page.services.map(key).sort()).toEqual(status.services.map(key).sort());
    expect(page.services.filter((row) => row.state !== 'OK')).toEqual([]);
  });

  it('asks for the password: 401 without it and with a wrong one', async () => {
    expect((await fetch(login.url)).status).toBe(401);
    const wrong = Buffer.from(`${login.user}:not-${login.password}`).toString('base64');
    expect((await fetch(login.url, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
  });

  it('lets the user look, not act: a command from the page is refused', async () => {
    const basic = Buffer.from(`${login.user}:${login.password}`).toString('base64');
    const [web1] = hostsWithRole(inventory, 'web');
    const page = await fetch(new URL(`cgi-bin/cmd.cgi?cmd_typ=22&cmd_mod=2&host=${web1.name}&service=apache`, login.url), {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('you do not have permission to submit the command');
  });

  it('refuses a host outside the admin network: its connection is dropped', async () => {
    const { hostname } = new URL(login.url);
    // timeout's 124: no answer at all within 3 s, as a dropped packet gives (a closed port answers at once).
    expect((await labSsh(labStranger(), `timeout 3 bash -c '</dev/tcp/${hostname}/80'`)).code).toBe(124);
  });
});
