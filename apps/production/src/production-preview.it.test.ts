import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `npm run preview -- production` as CI runs it: the real engine and the project's providers, offline,
// against hosts that do not exist (a preview dials none). The example's passphrase is published with it.
const ROOT = resolve(__dirname, '../../..');
const PASSPHRASE = 'example-production-passphrase';

/** One of the project's entry points (`run.sh preview production ...` is `npm run preview -- production ...`). */
function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const started = Date.now();
  const result = spawnSync('bash', ['tools/scripts/run.sh', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  console.log(`npm run ${args.join(' ')}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const preview = (args: string[], env: NodeJS.ProcessEnv) => run(['preview', 'production', ...args], env);

/** The example's stack configuration with an edit, in a file of its own (the stack's passphrase salt kept). */
function editedConfig(edit: (yaml: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'edited-production-')), 'Pulumi.production.yaml');
  writeFileSync(file, edit(readFileSync(join(ROOT, 'Pulumi.production.yaml'), 'utf8')));
  return file;
}

/** What a user error must not come with: a Node warning, a stack frame, Node's own prefixes. */
function expectOneLineReasons(output: string): void {
  expect(output).not.toMatch(/Warning/);
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/\(node:\d+\)|node:internal/);
}

/** The firewalld rich rules a planned `*-firewall-rules` command adds, parsed from its script. */
function richRules(script: string): string[] {
  return [...script.matchAll(/rule family="ipv4"[^']*?accept/g)].map((match) => match[0]);
}

interface PlannedCommand {
  create: string;
  stdin: string;
}

/** The commands a preview of the example (with extra arguments) would run, by resource name. */
function plannedCommands(args: string[]): Map<string, PlannedCommand> {
  const result = preview(['--json', ...args], { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE });
  if (result.status !== 0) throw new Error(`the preview failed:\n${result.stderr}`);
  const plan = JSON.parse(result.stdout) as { steps: { urn: string; newState?: { inputs?: Partial<PlannedCommand> } }[] };
  return new Map(
    plan.steps.map((step) => {
      const inputs = step.newState?.inputs ?? {};
      return [step.urn.split('::').pop()!, { create: String(inputs.create ?? ''), stdin: String(inputs.stdin ?? '') }];
    }),
  );
}

describe('the production example on Rocky Linux 9', () => {
  const planned = new Map<string, string>();

  beforeAll(() => {
    for (const [name, command] of plannedCommands([])) planned.set(name, command.create);
  });

  it('installs with dnf, from the MooseFS repository where MooseFS is needed', () => {
    expect(planned.get('www1-web-packages-install')).toContain('dnf -y --setopt=retries=3 install');
    expect(planned.get('www1-web-packages-install')).toContain('set -- httpd');
    expect(planned.get('dfs-mfs-master-packages-install')).toContain('/etc/yum.repos.d/MooseFS.repo');
    expect(planned.get('www1-web-packages-install')).not.toContain('MooseFS.repo');
  });

  it('installs NRPE and the plugins with dnf after enabling EPEL (a web host), and runs the agent', () => {
    const nrpe = planned.get('www1-nrpe-packages-install');
    expect(nrpe).toContain('dnf -y --setopt=retries=3 install');
    expect(nrpe).toContain('epel-release');
    expect(nrpe).toMatch(/set -- .*\bnrpe\b/);
    expect(planned.get('www1-nrpe-service-running')).toContain('systemctl enable nrpe');
  });

  it('installs Nagios from EPEL on the monitoring host, checks its set with nagios -v and runs it', () => {
    const packages = planned.get('mon1-nagios-packages-install');
    expect(packages).toContain('epel-release');
    expect(packages).toMatch(/set -- .*\bnagios\b.*\bnagios-plugins-all\b.*\bnagios-plugins-nrpe\b/);
    expect(planned.get('mon1-nagios-config-write')).toContain('/usr/sbin/nagios -v /etc/nagios/nagios.cfg');
    expect(planned.get('mon1-nagios-service-running')).toContain('systemctl enable nagios');
  });

  it("serves Nagios's web interface from EPEL's CGIs to the admin network only, checked by apachectl -t with httpd's config", () => {
    expect(planned.get('mon1-nagios-web-packages-install')).toMatch(/set -- .*\bnagios\b.*\bhttpd\b.*\bphp\b/);
    const write = planned.get('mon1-nagios-web-config-write');
    expect(write).toContain('/etc/httpd/conf.d/nagios.conf');
    expect(write).toContain('/etc/httpd/hastack-nagios-web.users');
    expect(write).toContain('apachectl -t');
    expect(richRules(planned.get('mon1-nagios-web-firewall-rules')!)).toEqual([
      'rule family="ipv4" source address="10.20.0.5" port port="80" protocol="tcp" accept',
    ]);
    expect(planned.get('mon1-nagios-web-service-running')).toContain('systemctl enable httpd');
  });

  it("checks Apache's config with apachectl -t and runs httpd", () => {
    expect(planned.get('www1-web-site-write')).toContain('apachectl -t');
    expect(planned.get('www1-web-service-running')).toContain('systemctl enable httpd');
  });

  it('opens firewalld for HTTP, VRRP as a protocol from the peer director, MariaDB and MooseFS to exactly the declared peers', () => {
    expect(richRules(planned.get('www1-web-firewall-rules')!)).toEqual(['rule family="ipv4" port port="80" protocol="tcp" accept']);
    expect(richRules(planned.get('lvs-lb1-firewall-rules')!)).toEqual(
      expect.arrayContaining(['rule family="ipv4" source address="10.20.0.12" protocol value="vrrp" accept']),
    );
    const mariadb = richRules(planned.get('db-db1-firewall-rules')!).filter((rule) => rule.includes('port="3306"'));
    const sources = mariadb.map((rule) => /source address="([^"]+)"/.exec(rule)?.[1]).sort();
    // The replica, the three web servers and the monitoring host; nobody else.
    expect(sources).toEqual(['10.20.0.21', '10.20.0.22', '10.20.0.23', '10.20.0.32', '10.20.0.51']);
    const moosefsClients = richRules(planned.get('dfs-mfs-master-firewall-rules')!).filter((rule) => rule.includes('port="9421"'));
    expect(moosefsClients.map((rule) => /source address="([^"]+)"/.exec(rule)?.[1])).toEqual(
      expect.arrayContaining(['10.20.0.21', '10.20.0.22', '10.20.0.23']),
    );
    // NRPE on every host, to the monitoring host alone.
    for (const host of ['lb1', 'www1', 'db1', 'mfs-chunk1', 'mon1']) {
      expect(richRules(planned.get(`${host}-nrpe-firewall-rules`)!)).toEqual([
        'rule family="ipv4" source address="10.20.0.51" port port="5666" protocol="tcp" accept',
      ]);
    }
  });

  it("releases the application on the web hosts one at a time, checked by httpd -t, out of the directors' pool", () => {
    const [first, second] = ['www1', 'www2'].map((host) => planned.get(`${host}-app-switch`)!);
    expect(first).toContain('apachectl -t');
    expect(first).toContain('systemctl reload httpd');
    expect(first).toContain('/var/log/httpd/access_log');
    expect(first).toContain('for director in 10.20.0.11 10.20.0.12; do');
    expect(second).toBeDefined();
  });

  it('switches on the SELinux booleans the web servers need', () => {
    expect(planned.get('www1-web-selinux-booleans')).toContain('wanted=(httpd_can_network_connect_db httpd_use_fusefs)');
  });

  it('refuses a broken description with one message per problem, before any resource, and no stack trace or warning', () => {
    const file = editedConfig((yaml) =>
      yaml
        .replace('    vip: 10.20.0.100\n', '')
        .replace('address: 10.20.0.22,', 'address: 10.20.0.21,')
        .replace('name: db2, roles: [db-replica], address: 10.20.0.32, os: rocky-9', 'name: db2, roles: [db-replica], address: 10.20.0.32, os: rocky-10'),
    );
    for (const result of [
      preview(['--config-file', file, '--color', 'never'], { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE }),
      run(['pulumi', 'preview', '--stack', 'production', '--non-interactive', '--config-file', file, '--color', 'never'], {
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      }),
    ]) {
      const output = result.stdout + result.stderr;
      expect(result.status).not.toBe(0);
      expect(output).toContain('- vip: ');
      expect(output).toContain('- hosts: the address 10.20.0.21 is used twice');
      expect(output).toContain('- hosts[6].os: unknown OS "rocky-10"');
      expectOneLineReasons(output);
    }
  });

  it('names the missing description of a stack under the plain CLI in one line, with no Node warning', () => {
    const file = editedConfig((yaml) => yaml.replace(/ {2}hastack:site:\n(?: {4}.*\n)+/, ''));
    expect(readFileSync(file, 'utf8')).not.toContain('hastack:site');
    const result = run(['pulumi', 'preview', '--stack', 'production', '--non-interactive', '--config-file', file, '--color', 'never'], {
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    });
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain(`the configuration of stack "production" (hastack:site): Missing required configuration variable 'hastack:site'`);
    expectOneLineReasons(output);
  });

  it("refuses the lab's published passphrase for any stack but the lab", () => {
    const result = preview([], { PULUMI_CONFIG_PASSPHRASE: 'insecure-lab-only-passphrase' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('stack "production" would keep its secrets under the lab\'s published passphrase: set PULUMI_CONFIG_PASSPHRASE');
  });
});

// Every tier on each EL release the product supports (rocky-9 above in detail), with what differs by release.
describe.each([
  ['rocky-8', '10.11'],
  ['alma-8', '10.11'],
  ['alma-9', '10.5'],
  ['centos-stream-9', '10.5'],
])('the production example on %s', (os, mariadb) => {
  let planned: Map<string, PlannedCommand>;
  const el8 = os.endsWith('-8');

  beforeAll(() => {
    planned = plannedCommands(['--config-file', editedConfig((yaml) => yaml.replaceAll('os: rocky-9', `os: ${os}`))]);
  });

  it('plans every tier, each checked by its daemon', () => {
    expect(planned.get('lvs-lb1-keepalived-conf-write')?.create).toContain('keepalived');
    expect(planned.get('www1-web-site-write')?.create).toContain('apachectl -t');
    expect(planned.get('db-db1-server-conf-write')?.create).toContain('/usr/libexec/mariadbd --help --verbose');
    expect(planned.get('dfs-mfs-master-packages-install')?.create).toContain(`moosefs-3/yum/el${el8 ? 8 : 9}`);
    expect(planned.get('mon1-nagios-config-write')?.create).toContain('/usr/sbin/nagios -v');
  });

  it(`installs MariaDB ${mariadb} and writes the option names it knows`, () => {
    const install = planned.get('db-db1-packages-install')!.create;
    const conf = planned.get('db-db1-server-conf-write')!.stdin;
    if (mariadb === '10.11') {
      expect(install).toContain('dnf -y -q module enable mariadb:10.11');
      expect(conf).toContain('binlog_expire_logs_seconds = 604800');
    } else {
      expect(install).not.toContain('module enable');
      expect(conf).toContain('expire_logs_days = 7');
      expect(conf).not.toContain('binlog_expire_logs_seconds');
    }
  });

  it(`${el8 ? 'enables the PHP stream that runs the application' : "installs the release's own PHP"}, and CRB for EPEL`, () => {
    expect(planned.get('www1-web-packages-install')!.create.includes('module enable php:8.2')).toBe(el8);
    expect(planned.get('www1-nrpe-packages-install')!.create).toContain(`dnf config-manager --set-enabled ${el8 ? 'powertools' : 'crb'}`);
  });
});
