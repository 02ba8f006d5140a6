import { drainFlagPath } from '@hastack/web';
import { shellQuote } from '@hastack/host';
import { hostsWithRole, waitForPoolMembership } from '../src/probes/failover';
import { sampleSite } from '../src/status';
import { e2eStack, inventory, sh } from './support';

const webHosts = hostsWithRole(inventory, 'web');
const [director] = hostsWithRole(inventory, 'director');
// The VIP exists only where the directors are deployed (the lab stack; a dev stack of the web tier has none).
const withDirectors = !e2eStack.tiers || e2eStack.tiers.includes('director');
const itThroughVip = withDirectors ? it : it.skip;
const drainFlag = shellQuote(drainFlagPath(e2eStack.name));
const status = (path: string) => `curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1${path}`;

describe('the web tier with PHP', () => {
  afterAll(() => Promise.all(webHosts.map((web) => sh(web, `rm -f ${drainFlag}`))));

  it.each(webHosts.map((web) => [web.name, web]))('%s serves the PHP page through mod_php and prefork, without a PHP warning', async (_name, web) => {
    const page = await sh(web, 'curl -fsS http://127.0.0.1/');
    expect(page).toContain(`id="host">${web.name}<`);
    expect(page).toMatch(/id="php">\d+\.\d+\.\d+</);
    expect(page).not.toMatch(/<\?|Warning|Notice|Fatal error|Deprecated/);
    const modules = await sh(web, 'apachectl -M 2>/dev/null');
    expect(modules).toMatch(/php\d*_module/);
    expect(modules).toContain('mpm_prefork_module');
  });

  it('answers 503 at /health while the drain flag exists, the page still 200, and 200 again once it is gone', async () => {
    const [web] = webHosts;
    await sh(web, `mkdir -p "$(dirname ${drainFlag})" && touch ${drainFlag}`);
    expect(await sh(web, status('/health'))).toBe('503');
    expect(await sh(web, status('/'))).toBe('200');
    await sh(web, `rm -f ${drainFlag}`);
    expect(await sh(web, status('/health'))).toBe('200');
  });

  it('keeps /health at 200 when PHP pages fail', async () => {
    const [web] = webHosts;
    const broken = '/var/www/html/e2e-60-broken.php';
    await sh(web, `printf '<?php undefined_function();\\n' > ${broken}`);
    try {
      expect(await sh(web, status('/e2e-60-broken.php'))).toBe('500');
      expect(await sh(web, status('/health'))).toBe('200');
    } finally {
      await sh(web, `rm -f ${broken}`);
    }
  });

  itThroughVip('answers 200 requests through the VIP with the PHP page, from every web host', async () => {
    const tally = await sampleSite(`http://${inventory.vip}/`, 200);
    console.log(`60-web-app: 200 requests through the VIP: ${JSON.stringify(tally)}`);
    expect(tally.failed).toBeUndefined();
    expect(Object.keys(tally).sort()).toEqual(webHosts.map((web) => web.name).sort());
  });

  itThroughVip('takes a drained host out of the directors\' pool and back', async () => {
    const [web] = webHosts;
    await sh(web, `mkdir -p "$(dirname ${drainFlag})" && touch ${drainFlag}`);
    await waitForPoolMembership(director, web, false, 30000);
    const tally = await sampleSite(`http://${inventory.vip}/`, 20);
    expect(tally[web.name]).toBeUndefined();
    expect(tally.failed).toBeUndefined();
    await sh(web, `rm -f ${drainFlag}`);
    await waitForPoolMembership(director, web, true, 30000);
  }, 90000);
});
