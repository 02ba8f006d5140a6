import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDigest, RELEASES_DIR } from '@hastack/web';
import { osProfile } from '@hastack/host';
import { DEMO_APP_DIR } from '../src/program';
import { hostsWithRole } from '../src/probes/failover';
import { answerOf } from '../src/status';
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

/** A client sending requests through the VIP on two connections at a time, none kept alive, until stopped. */
function client() {
  const tally: Record<string, number> = {};
  const failures: string[] = [];
  let sending = true;
  const started = Date.now();
  const loop = async () => {
    while (sending) {
      try {
        const answer = await answerOf(url);
        const key = `${answer.host} ${answer.release}`;
        tally[key] = (tally[key] ?? 0) + 1;
      } catch (error) {
        failures.push((error as Error).message);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const loops = [loop(), loop()];
  return {
    tally,
    failures,
    stop: async () => {
      sending = false;
      await Promise.all(loops);
      const count = Object.values(tally).reduce((sum, n) => sum + n, 0) + failures.length;
      return { count, perSecond: count / ((Date.now() - started) / 1000) };
    },
  };
}

describe('the application released over the pool', () => {
  const v2 = demoApp('v2');

  afterAll(() => deploy(), 600000);

  it('serves the demo app on every host, released in a folder named by its digest', async () => {
    for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(DEMO_APP_DIR)}`);
  });

  itThroughVip('rolls a changed release out host by host while a client sends 20+ requests/s, none failing', async () => {
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
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await after.stop();
    console.log(
      `65-web-release: rolled out in ${seconds.toFixed(1)} s (${(seconds / webHosts.length).toFixed(1)} s per host, deploy included); ` +
        `${sent.count} requests at ${sent.perSecond.toFixed(1)}/s meanwhile: ${JSON.stringify(traffic.tally)}; afterwards: ${JSON.stringify(after.tally)}`,
    );
    expect(traffic.failures).toEqual([]);
    expect(sent.perSecond).toBeGreaterThanOrEqual(20);
    for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(v2)}`);
    expect(Object.keys(after.tally).sort()).toEqual(webHosts.map((web) => `${web.name} v2`).sort());
    // Each host left the pool for its switch: both directors' checks saw it answer 503.
    for (const [i, web] of webHosts.entries()) expect(await drainedChecks(web, offsets[i])).toBeGreaterThanOrEqual(4);
  }, 600000);

  itThroughVip('refuses a release whose page fails on the first host; no host switches and no request fails', async () => {
    const broken = demoApp('v3', true);
    const offsets = await logEnds();
    const traffic = client();
    let refusal = '';
    try {
      refusal = await deploy(inventory, { appDir: broken }).then(
        () => 'the update succeeded',
        (error: Error) => error.message,
      );
    } finally {
      await traffic.stop();
    }
    expect(refusal).toContain(`release ${appDigest(broken)} refused: its check failed`);
    expect(refusal).toMatch(/HTTP\/1\.[01] 500/);
    expect(refusal).toContain(`${webHosts[0].name}-app-switch`);
    for (const web of webHosts) expect(await liveOn(web)).toBe(`${RELEASES_DIR}/${appDigest(v2)}`);
    expect(traffic.failures).toEqual([]);
    expect(Object.keys(traffic.tally).every((key) => key.endsWith(' v2'))).toBe(true);
    // Refused before any host left the pool.
    for (const [i, web] of webHosts.entries()) expect(await drainedChecks(web, offsets[i])).toBe(0);
  }, 600000);
});
