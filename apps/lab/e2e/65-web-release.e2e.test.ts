import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { poolChecks } from '@hastack/director';
import { bashScript, osProfile } from '@hastack/host';
import { webHealthCheck } from '@hastack/site';
import { appDigest, HEALTH_PATH, RELEASES_DIR, releasePoolWaits } from '@hastack/web';
import { drainLabWebHost, undrainLabWebHost } from '../src/ops/web-drain';
import { DEMO_APP_DIR } from '../src/program';
import { hostsWithRole, poolMembers } from '../src/probes/failover';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import { deploy, e2eStack, inventory, sh } from './support';

const webHosts = hostsWithRole(inventory, 'web');
const url = `http://${inventory.vip}/`;
// A rolling release is measured through the directors' VIP: the lab stack, or a dev stack with them.
const withDirectors = !e2eStack.tiers || e2eStack.tiers.includes('director');
const itThroughVip = withDirectors ? it : it.skip;

/** The demo app as release `name`; `broken` makes its page fail with a PHP error. */
function demoApp(name: string, broken = false): string {
  const dir = mkdtempSync(join(tmpdir(), `demo-app-${name}-`));
  cpSync(DEMO_APP_DIR, dir, { recursive: true });
  const index = readFileSync(join(dir, 'index.php'), 'utf8').replace("const RELEASE = 'v1';", `const RELEASE = '${name}';`);
  writeFileSync(join(dir, 'index.php'), broken ? index.replace('declare(strict_types=1);', 'declare(strict_types=1);\nundefined_function();') : index);
  return dir;
}

/** Where each web host's access log ends now: the health checks answered after it can be counted. */
const logEnds = () => Promise.all(webHosts.map(async (web) => Number(await sh(web, `stat -c %s ${osProfile(web.os).paths.webServerAccessLog}`))));
/** The directors' checks of `/health` a host answered with 503 since `offset`: it was out of their pool. */
const drainedChecks = (web: (typeof webHosts)[number], offset: number) =>
  sh(web, `tail -c +${offset + 1} ${osProfile(web.os).paths.webServerAccessLog} | awk '$7 == "/health" && $9 == 503' | wc -l`).then(Number);

const liveOn = (web: (typeof webHosts)[number]) => sh(web, `readlink ${osProfile(web.os).paths.webDocumentRoot}`).then((out) => out.trim());

const client = () => startTraffic(url, { label: (answer) => `${answer.host} ${answer.release}` });

describe('the application released over the pool', () => {
  const v2 = demoApp('v2');

  afterAll(() => deploy(), 600000);

  it('serves the demo app on every host, released in a folder named by its digest', async () => {
    for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(DEMO_APP_DIR)}`);
  });

  // The roll-out's next host leaves the pool as soon as this one's rejoin returns: were this host not
  // forwarded to again by then, the VIP holder would have no real server and refuse connections.
  itThroughVip("a host that left the pool for its switch is in every director's pool when its rejoin returns", async () => {
    const [web] = webHosts;
    const directors = hostsWithRole(inventory, 'director');
    const checks = poolChecks(webHealthCheck(HEALTH_PATH));
    const pool = {
      directors: directors.map((director) => director.address),
      peers: webHosts.filter((other) => other !== web).map((other) => other.address),
      failedChecks: checks.leave,
      passedChecks: checks.rejoin,
    };
    const { leave, rejoin } = releasePoolWaits(osProfile(web.os).paths.webServerAccessLog, pool, e2eStack.name);
    await sh(web, bashScript([leave, rejoin]));
    for (const director of directors) expect(await poolMembers(director)).toContain(web.address);
  });

  itThroughVip(
    'rolls a changed release out host by host while a client sends 20+ requests/s, none failing',
    async () => {
      const offsets = await logEnds();
      const traffic = client();
      const started = Date.now();
      let sent;
      try {
        await deploy(inventory, { appDir: v2 });
      } finally {
        sent = await traffic.stop();
      }
      const seconds = (Date.now() - started) / 1000;
      const after = client();
      await sleep(3000);
      const afterwards = await after.stop();
      console.log(
        `65-web-release: rolled out in ${seconds.toFixed(1)} s (${(seconds / webHosts.length).toFixed(1)} s per host, deploy included); ` +
          `meanwhile ${describeTraffic(sent)}; afterwards ${describeTraffic(afterwards)}`,
      );
      expect(sent.failures).toEqual({});
      expect(sent.perSecond).toBeGreaterThanOrEqual(20);
      for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(v2)}`);
      expect(Object.keys(afterwards.answers).sort()).toEqual(webHosts.map((web) => `${web.name} v2`).sort());
      // Each host left the pool for its switch: both directors' checks saw it answer 503.
      for (const [i, web] of webHosts.entries()) expect(await drainedChecks(web, offsets[i])).toBeGreaterThanOrEqual(4);
    },
    600000,
  );

  itThroughVip(
    'refuses a release whose page fails on the first host; no host switches and no request fails',
    async () => {
      const broken = demoApp('v3', true);
      const offsets = await logEnds();
      const traffic = client();
      let refusal = '';
      let sent;
      try {
        refusal = await deploy(inventory, { appDir: broken }).then(
          () => 'the update succeeded',
          (error: Error) => error.message,
        );
      } finally {
        sent = await traffic.stop();
      }
      expect(refusal).toContain(`release ${appDigest(broken)} refused: its check failed`);
      expect(refusal).toMatch(/HTTP\/1\.[01] 500/);
      expect(refusal).toContain(`${webHosts[0].name}-app-switch`);
      for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(v2)}`);
      expect(sent.failures).toEqual({});
      expect(Object.keys(sent.answers).every((key) => key.endsWith(' v2'))).toBe(true);
      // Refused before any host left the pool.
      for (const [i, web] of webHosts.entries()) expect(await drainedChecks(web, offsets[i])).toBe(0);
    },
    600000,
  );

  itThroughVip(
    'switches the last serving member without leaving the pool: with the others drained by an operator, no request fails',
    async () => {
      const others = webHosts.slice(0, -1);
      const last = webHosts[webHosts.length - 1];
      const v4 = demoApp('v4');
      const quiet = () => undefined;
      for (const web of others) await drainLabWebHost(inventory, web.name, e2eStack.name, quiet);
      const offsets = await logEnds();
      const traffic = client();
      let output = '';
      let sent;
      try {
        output = (await deploy(inventory, { appDir: v4 })).stdout;
      } finally {
        sent = await traffic.stop();
        for (const web of others) await undrainLabWebHost(inventory, web.name, e2eStack.name, quiet);
      }
      console.log(`65-web-release: ${last.name} the only member serving: ${describeTraffic(sent)}`);
      expect(sent.failures).toEqual({});
      expect(sent.perSecond).toBeGreaterThanOrEqual(20);
      expect(output).toContain('no other member of the pool serves: the host switches without leaving it');
      expect(await drainedChecks(last, offsets[webHosts.indexOf(last)])).toBe(0);
      for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(v4)}`);
    },
    600000,
  );
});
