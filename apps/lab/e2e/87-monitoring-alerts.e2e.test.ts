import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { osProfile, waitUntil } from '@hastack/host';
import { LabSmsCredentials, labSsh, readSmsRecords, type SmsRecord } from '@hastack/lab-machines';
import { hostsWithRole } from '../src/probes/failover';
import { forceServiceCheck, monitoringHost, waitUntilAllGreen, waitUntilHardProblems } from '../src/probes/nagios';
import { openServicesPage } from '../src/probes/nagios-web';
import { LAB_SMS_RECIPIENT } from '../src/program';
import { e2eStack, inventory, nagiosWebLogin, screenshotPath, sh } from './support';

const withEverything = !e2eStack.tiers;
const [web1] = hostsWithRole(inventory, 'web');
const monitoring = monitoringHost(inventory);
const apache = osProfile(web1.os).services.webServer;
const secrets = [LabSmsCredentials.aliyun.accessKeySecret, LabSmsCredentials.aliyun.accessKeyId];

/** The SMS the sink got after record `from`, the alert text of each. */
function smsSince(from: number): SmsRecord[] {
  return readSmsRecords(inventory)
    .slice(from)
    .filter((record) => record.kind === 'sms');
}

function accepted(records: SmsRecord[], prefix: string): SmsRecord[] {
  return records.filter((record) => record.accepted && record.text?.startsWith(prefix));
}

/** Samples the monitoring host's process list until stopped: what a local user could see with `ps`. */
function sampleProcessLists(): { stop: () => Promise<string[]> } {
  const samples: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push((await labSsh(monitoring, 'ps -eo args')).stdout);
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** Stops Apache on web1 while `during` runs (given when it stopped), then starts it again. */
async function withApacheStopped<T>(during: (stoppedAt: number) => Promise<T>): Promise<T> {
  await sh(web1, `systemctl stop ${apache}`);
  try {
    return await during(Date.now());
  } finally {
    await sh(web1, `systemctl start ${apache}`);
  }
}

(withEverything ? describe : describe.skip)('the monitoring tier: Nagios watching the stack, alerts by SMS', () => {
  jest.setTimeout(6 * 60_000);

  it('sees every host UP and every service OK, with the NRPE base checks of every host and a check per tier daemon', async () => {
    const status = await waitUntilAllGreen(inventory, 180_000);
    const services = new Set(status.services.map((s) => `${s.host}/${s.service}`));
    for (const host of inventory.hosts)
      for (const base of ['check_disk', 'check_load', 'check_swap', 'check_total_procs']) expect(services).toContain(`${host.name}/${base}`);
    const daemons: Record<string, string[]> = {
      director: ['keepalived', 'vip', 'ipvs'],
      web: ['apache', 'http-page', 'http-health', 'moosefs-mount'],
      'db-primary': ['mariadb-process', 'mariadb-login', 'mariadb-semisync'],
      'db-replica': ['mariadb-process', 'mariadb-login', 'mariadb-semisync', 'mariadb-replication', 'mariadb-backup', 'mariadb-restore-check'],
      'dfs-master': ['moosefs-master', 'moosefs-chunkservers', 'moosefs-undergoal', 'moosefs-space'],
      'dfs-chunkserver': ['moosefs-chunkserver'],
      'dfs-metalogger': ['moosefs-metalogger', 'moosefs-metadata-backup'],
    };
    for (const host of inventory.hosts)
      for (const role of host.roles) for (const check of daemons[role] ?? []) expect(services).toContain(`${host.name}/${check}`);
    expect([...services]).toEqual(expect.arrayContaining(['site-vip/http-page', 'site-vip/vrrp']));
    expect(status.hosts.map((h) => h.host)).toEqual(expect.arrayContaining([...inventory.hosts.map((h) => h.name), 'site-vip']));
  });

  it('sends one correctly signed SMS naming web1 and Apache within 2 minutes of its stop, none for what it causes even when that is seen first, and one recovery', async () => {
    const from = readSmsRecords(inventory).length;
    const ps = sampleProcessLists();
    let problemAfter: number;
    let samples: string[];
    try {
      const poolChecks = hostsWithRole(inventory, 'director').map((director) => ({ host: director.name, service: 'ipvs' }));
      problemAfter = await withApacheStopped(async (stoppedAt) => {
        // The race Nagios's schedule may run: the directors' pool checks see the fault before web1's Apache check.
        await waitUntilHardProblems(inventory, poolChecks, 60_000);
        const first = await waitUntil('the SMS about web1/apache', async () => accepted(smsSince(from), `PROBLEM ${web1.name}/apache `)[0], 120_000, 500);
        const seconds = (Date.parse(first.receivedAt) - stoppedAt) / 1000;
        // The page an admin looks at says so as soon as the SMS does.
        const page = await openServicesPage(await nagiosWebLogin(), screenshotPath('nagios-apache-stopped.png'));
        expect(page.services.find((row) => row.host === web1.name && row.service === 'apache')?.state).toBe('CRITICAL');
        // What Apache's stop causes, HARD too, and Apache checked once more: the moments another SMS would go out.
        const caused = [{ host: web1.name, service: 'http-page' }, { host: web1.name, service: 'http-health' }, ...poolChecks];
        await waitUntilHardProblems(inventory, [...caused, { host: web1.name, service: 'apache' }], 60_000);
        await sleep(5000);
        return seconds;
      });
      // The time to the problem's SMS is measured on Nagios's own schedule; the recovery's need not wait a round.
      await forceServiceCheck(inventory, web1.name, 'apache');
      await waitUntil('the recovery SMS about web1/apache', async () => accepted(smsSince(from), `RECOVERY ${web1.name}/apache `).length > 0, 120_000, 500);
    } finally {
      samples = await ps.stop();
    }
    const records = smsSince(from);
    console.log(
      `SMS at the sink ${problemAfter.toFixed(1)} s after Apache stopped on ${web1.name}; all: ${records.map((r) => r.text?.split(':')[0]).join(' | ')}`,
    );
    expect(problemAfter).toBeLessThan(120);
    const problems = accepted(records, `PROBLEM ${web1.name}/apache `);
    expect(problems).toHaveLength(1);
    // Alibaba Cloud takes the number without its "+".
    expect(problems[0]).toMatchObject({ provider: 'aliyun', recipients: [LAB_SMS_RECIPIENT.slice(1)], accepted: true });
    expect(problems[0].text).toMatch(/CRITICAL: .*not running/);
    expect(accepted(records, `RECOVERY ${web1.name}/apache `)).toHaveLength(1);
    // One fault, one SMS: the page and health checks of web1 and the directors' pool checks saw it too, and
    // stay on the Nagios page, but their dependency on web1's Apache keeps them from paging.
    const texts = records.filter((r) => r.accepted).map((r) => r.text!.split(' ').slice(0, 2).join(' '));
    const caused = texts.filter((text) => new RegExp(`^(PROBLEM|RECOVERY) (${web1.name}/|director\\d+/ipvs)`).test(text));
    expect(caused).toEqual([`PROBLEM ${web1.name}/apache`, `RECOVERY ${web1.name}/apache`]);
    expect(samples.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(samples.join('\n')).not.toContain(secret);
  });

  it('retries while the provider throttles, logs the refusals, and delivers the alert once the provider accepts', async () => {
    await waitUntilAllGreen(inventory, 120_000);
    const from = readSmsRecords(inventory).length;
    const logLines = Number((await sh(monitoring, 'wc -l < /var/log/hastack-sms/notify.log')).trim());
    const control = new URL('/_control/throttle?count=2', inventory.smsGateway!.url);
    expect((await fetch(control, { method: 'POST' })).ok).toBe(true);
    await withApacheStopped(async () => {
      await forceServiceCheck(inventory, web1.name, 'apache');
      await waitUntil(
        'the throttled SMS about web1/apache delivered',
        async () => accepted(smsSince(from), `PROBLEM ${web1.name}/apache `).length > 0,
        120_000,
        500,
      );
    });
    await forceServiceCheck(inventory, web1.name, 'apache');
    const records = smsSince(from);
    expect(records.filter((r) => r.errorCode === 'isv.BUSINESS_LIMIT_CONTROL')).toHaveLength(2);
    const log = await sh(monitoring, `tail -n +${logLines + 1} /var/log/hastack-sms/notify.log`);
    expect(log).toMatch(/event="failed" .*isv\.BUSINESS_LIMIT_CONTROL/);
    expect(log).toMatch(/event="sent" about="PROBLEM web1\/apache"/);
    await waitUntil('the recovery after the throttled alert', async () => accepted(smsSince(from), `RECOVERY ${web1.name}/apache `).length > 0, 120_000, 500);
  });

  it('keeps the SMS credentials out of every log on the monitoring host and out of the clear state', async () => {
    for (const secret of secrets) {
      const found = await labSsh(
        monitoring,
        `grep -rlF -- '${secret}' /var/log /var/lib/nagios4 /var/lib/hastack-sms; journalctl --no-pager -o cat | grep -cF -- '${secret}'`,
      );
      expect(found.stdout.trim()).toBe('0');
    }
    const state = readFileSync(`${process.env.PULUMI_BACKEND_URL!.replace(/^file:\/\//, '')}/.pulumi/stacks/hastack/${e2eStack.name}.json`, 'utf8');
    expect(state).not.toContain(LabSmsCredentials.aliyun.accessKeySecret);
    expect(state).toContain('sms-notifier.json');
  });
});
