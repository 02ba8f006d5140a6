import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_SETTINGS_PATH, drainFlagPath } from '@hastack/web';
import { osProfile, shellQuote } from '@hastack/host';
import { hostsWithRole, waitForPoolMembership } from '../src/probes/failover';
import { answerOf, sampleSite } from '../src/status';
import { e2eStack, inventory, sh } from './support';

const webHosts = hostsWithRole(inventory, 'web');
const [director] = hostsWithRole(inventory, 'director');
// The VIP exists only where the directors are deployed (the lab stack; a dev stack of the web tier has none).
const withDirectors = !e2eStack.tiers || e2eStack.tiers.includes('director');
const itThroughVip = withDirectors ? it : it.skip;
const withDatabase = !e2eStack.tiers || e2eStack.tiers.includes('db');
const itWithDatabase = withDatabase ? it : it.skip;
const drainFlag = shellQuote(drainFlagPath(e2eStack.name));
const status = (path: string) => `curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1${path}`;

describe('the web tier with PHP', () => {
  // The flag's folder too, when this file made it: destroy checks the stack's folder is gone.
  afterAll(() => Promise.all(webHosts.map((web) => sh(web, `rm -f ${drainFlag}; rmdir "$(dirname ${drainFlag})" 2>/dev/null || true`))));

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

  itWithDatabase("keeps the application settings outside the document root, 0640 root and Apache's group, readable by Apache", async () => {
    for (const web of webHosts) {
      const group = osProfile(web.os).webServerGroup;
      expect(await sh(web, `stat -c '%a %U %G' ${APP_SETTINGS_PATH}`)).toBe(`640 root ${group}\n`);
      expect(await sh(web, `runuser -u ${group} -- test -r ${APP_SETTINGS_PATH} && echo readable`)).toBe('readable\n');
      expect(await sh(web, `runuser -u nobody -- test -r ${APP_SETTINGS_PATH} || echo refused`)).toBe('refused\n');
    }
  });

  itWithDatabase('lets PHP under Apache write on the primary and read from a replica with those settings', async () => {
    const [web] = webHosts;
    const page = '/var/www/html/e2e-60-db.php';
    const php = [
      '<?php',
      `$s = require '${APP_SETTINGS_PATH}';`,
      "$w = new mysqli($s['db']['primary'], $s['db']['user'], $s['db']['password'], $s['db']['database'], $s['db']['port']);",
      "$r = new mysqli($s['db']['replicas'][0], $s['db']['user'], $s['db']['password'], $s['db']['database'], $s['db']['port']);",
      "echo $w->query('SELECT @@read_only')->fetch_row()[0], ' ', $r->query('SELECT @@read_only')->fetch_row()[0];",
    ].join('\n');
    await sh(web, `printf '%s\\n' ${shellQuote(php)} > ${page}`);
    try {
      expect(await sh(web, 'curl -fsS http://127.0.0.1/e2e-60-db.php')).toBe('0 1');
    } finally {
      await sh(web, `rm -f ${page}`);
    }
  });

  itWithDatabase('shows the database password in no process list, journal or clear-text state', async () => {
    const [web] = webHosts;
    const password = (await sh(web, `sed -n "s/^ *'password' => '\\(.*\\)',$/\\1/p" ${APP_SETTINGS_PATH}`)).trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    for (const host of webHosts) {
      expect(await sh(host, 'ps -eo args')).not.toContain(password);
      expect(await sh(host, 'journalctl -o cat --no-pager')).not.toContain(password);
    }
    const stateDir = resolve(__dirname, '../../../.pulumi-state/.pulumi');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const stackFiles = files(stateDir).filter((file) => file.includes(`/${e2eStack.name}`) && file.endsWith('.json'));
    expect(stackFiles.length).toBeGreaterThan(0);
    for (const file of stackFiles) expect(readFileSync(file, 'utf8').includes(password)).toBe(false);
  });

  itThroughVip('answers 200 requests through the VIP with the PHP page, from every web host', async () => {
    const tally = await sampleSite(`http://${inventory.vip}/`, 200);
    console.log(`60-web-app: 200 requests through the VIP: ${JSON.stringify(tally)}`);
    expect(tally.failed).toBeUndefined();
    expect(Object.keys(tally).sort()).toEqual(webHosts.map((web) => web.name).sort());
  });

  (withDirectors && withDatabase ? it : it.skip)(
    'shows every tier through the VIP: visits counted on the primary and read on the replica, a file on MooseFS',
    async () => {
      const pages = [];
      for (let i = 0; i < 20; i++) pages.push((await answerOf(`http://${inventory.vip}/`)).page);
      const counters = pages.map((page) => Number(/id="counter">(\d+)</.exec(page)?.[1]));
      expect(counters.every((n, i) => i === 0 || n > counters[i - 1])).toBe(true);
      for (const page of pages) {
        expect(page).toMatch(/id="replica-counter">\d+</);
        expect(page).toMatch(/id="shared-file">(web1|web2) \d{4}-/);
        expect(page).not.toMatch(/id="(db|shared)-error"/);
      }
      console.log(`60-web-app: visits ${counters[0]} to ${counters[counters.length - 1]} over 20 pages; ${/id="lag-ms">[^<]*/.exec(pages[19])?.[0]}`);
    },
  );

  itThroughVip(
    "takes a drained host out of the directors' pool and back",
    async () => {
      const [web] = webHosts;
      await sh(web, `mkdir -p "$(dirname ${drainFlag})" && touch ${drainFlag}`);
      await waitForPoolMembership(director, web, false, 30000);
      const tally = await sampleSite(`http://${inventory.vip}/`, 20);
      expect(tally[web.name]).toBeUndefined();
      expect(tally.failed).toBeUndefined();
      await sh(web, `rm -f ${drainFlag}`);
      await waitForPoolMembership(director, web, true, 30000);
    },
    90000,
  );
});
