import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFileSet, Directory, Packages } from '@hastack/host';
import type { SmsSettings } from '@hastack/sms';
import type { NotifierConfig } from './notifier-program/notifier-config';
import { notifierProgram } from './notifier-bundle';
import { SMS_NOTIFIER_DEFAULTS, SMS_NOTIFIER_RUN_BUDGET_MS, SmsNotifierArgs, smsSettingsProblems, validateSmsNotifierArgs } from './sms-notifier-args';

const PROGRAM = '/usr/local/lib/hastack-sms/notify-sms.js';
const CONFIG = '/etc/hastack/sms-notifier.json';
const STATE_DIR = '/var/lib/hastack-sms';
const LOG_DIR = '/var/log/hastack-sms';

/**
 * SMS alerts from Nagios through a provider's HTTP API: the notifier program (the SMS presets, bundled)
 * and its settings, the credentials in a file readable by Nagios's group only, never on a command line.
 * Nagios passes only its macros (host, service, state, output) as arguments.
 */
export class SmsNotifier extends pulumi.ComponentResource {
  /** Nagios `command_line` of the host notification command. */
  public readonly hostCommandLine: string;
  /** Nagios `command_line` of the service notification command. */
  public readonly serviceCommandLine: string;
  /** What an operator runs as root on the host to send a test SMS to every recipient (a text may follow, shell-quoted). */
  public readonly testCommand: string;
  /** The notifier's log: every attempt and its result, without credentials. */
  public readonly logFile: string;
  /** What must be in place before Nagios may notify. */
  public readonly ready: pulumi.Resource[];

  constructor(name: string, args: SmsNotifierArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('SmsNotifier', name, validateSmsNotifierArgs(args));
    super('hastack:monitoring:SmsNotifier', name, {}, opts);
    const { host } = args;
    const nagiosUser = args.nagiosUser ?? SMS_NOTIFIER_DEFAULTS.nagiosUser;
    this.logFile = `${LOG_DIR}/notify.log`;
    const run = `/usr/bin/node ${PROGRAM} --config ${CONFIG}`;
    // Nagios runs command_line through /bin/sh. Output macros lose quotes and $ to illegal_macro_output_chars,
    // and object names cannot hold them (illegal_object_name_chars): single quotes hold whatever is left.
    this.hostCommandLine = `${run} notify --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --state '$HOSTSTATE$' --output '$HOSTOUTPUT$' --last-ok '$LASTHOSTUP$' --state-seconds '$HOSTDURATIONSEC$'`;
    this.serviceCommandLine = `${run} notify --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --service '$SERVICEDESC$' --state '$SERVICESTATE$' --output '$SERVICEOUTPUT$' --last-ok '$LASTSERVICEOK$' --state-seconds '$SERVICEDURATIONSEC$'`;
    this.testCommand = `runuser -u ${nagiosUser} -- ${run} test`;

    const checked = pulumi.output(args.settings).apply((settings: SmsSettings) => {
      // Settings known only now (stack config, a secret) are checked now, before anything reaches the host.
      assertValidArgs('SmsNotifier', name, smsSettingsProblems(settings));
      return settings;
    });
    const config = pulumi.secret(
      checked.apply((settings) => {
        const notifierConfig: NotifierConfig = {
          settings,
          stateDir: STATE_DIR,
          logFile: this.logFile,
          renotifySeconds: args.renotifySeconds ?? SMS_NOTIFIER_DEFAULTS.renotifySeconds,
          hourlyCap: args.hourlyCap ?? SMS_NOTIFIER_DEFAULTS.hourlyCap,
          buildGraceSeconds: args.buildGraceSeconds ?? SMS_NOTIFIER_DEFAULTS.buildGraceSeconds,
          retries: args.retries ?? SMS_NOTIFIER_DEFAULTS.retries,
          runBudgetMs: SMS_NOTIFIER_RUN_BUDGET_MS,
        };
        return `${JSON.stringify(notifierConfig, null, 2)}\n`;
      }),
    );
    // Every child waits for the check and for what the caller orders this after (Nagios's packages bring its user).
    const afterCheck = (...resources: pulumi.Resource[]): pulumi.Input<pulumi.Resource[]> =>
      pulumi
        .all([checked, pulumi.output(opts?.dependsOn ?? [])])
        .apply(([, given]) => [...((Array.isArray(given) ? given : [given]) as pulumi.Resource[]), ...resources]);
    const packages = new Packages(`${name}-packages`, { host, roles: ['smsNotifier'] }, { parent: this, dependsOn: afterCheck() });
    const folders = [STATE_DIR, LOG_DIR].map(
      (path) =>
        new Directory(
          `${name}-${path.split('/')[2]}-dir`,
          { host, path, owner: nagiosUser, group: nagiosUser, mode: '0750' },
          { parent: this, dependsOn: afterCheck() },
        ),
    );
    // One set, one remote command: the program and the settings it reads.
    const files = new ConfigFileSet(
      `${name}-files`,
      {
        host,
        files: [
          { path: PROGRAM, content: notifierProgram(), mode: '0755' },
          { path: CONFIG, content: config, group: nagiosUser, mode: '0640' },
        ],
      },
      { parent: this, dependsOn: afterCheck(packages, ...folders) },
    );
    this.ready = [files, ...folders];
    this.registerOutputs({
      hostCommandLine: this.hostCommandLine,
      serviceCommandLine: this.serviceCommandLine,
      testCommand: this.testCommand,
      logFile: this.logFile,
    });
  }
}
