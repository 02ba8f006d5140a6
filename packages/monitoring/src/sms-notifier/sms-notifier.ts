import * as pulumi from '@pulumi/pulumi';
import { ConfigFileSet, Directory, Packages } from '@hastack/host';
import type { SmsSettings } from '@hastack/sms';
import { NAGIOS_USER } from '../nagios-server/nagios-user';
import type { NotifierConfig } from './notifier-program/notifier-config';
import { notifierProgram } from './notifier-bundle';
import { SMS_NOTIFIER_DEFAULTS, SmsNotifierArgs, smsSettingsProblems, validateSmsNotifierArgs } from './sms-notifier-args';

const PROGRAM = '/usr/local/lib/hastack-sms/notify-sms.js';
const CONFIG = '/etc/hastack/sms-notifier.json';
const STATE_DIR = '/var/lib/hastack-sms';
const LOG_DIR = '/var/log/hastack-sms';

function invalid(name: string, problems: string[]): Error {
  return new Error(`SmsNotifier ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
}

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
  /** What an operator runs as root on the host to send a test SMS to every recipient. */
  public readonly testCommand: string;
  /** The notifier's log: every attempt and its result, without credentials. */
  public readonly logFile: string;
  /** What must be in place before Nagios may notify. */
  public readonly ready: pulumi.Resource[];

  constructor(name: string, args: SmsNotifierArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:monitoring:SmsNotifier', name, {}, opts);
    const problems = [...validateSmsNotifierArgs(args), ...(typeof args.settings === 'object' && !pulumi.Output.isInstance(args.settings) ? smsSettingsProblems(args.settings) : [])];
    if (problems.length) throw invalid(name, problems);
    const { host } = args;
    this.logFile = `${LOG_DIR}/notify.log`;
    const run = `/usr/bin/node ${PROGRAM} --config ${CONFIG}`;
    // Nagios strips quotes and $ from output macros, and object names cannot hold them: single quotes hold.
    this.hostCommandLine = `${run} notify --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --state '$HOSTSTATE$' --output '$HOSTOUTPUT$'`;
    this.serviceCommandLine = `${run} notify --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --service '$SERVICEDESC$' --state '$SERVICESTATE$' --output '$SERVICEOUTPUT$'`;
    this.testCommand = `runuser -u ${NAGIOS_USER} -- ${run} test`;

    const config = pulumi.secret(
      pulumi.output(args.settings).apply((settings: SmsSettings) => {
        const late = smsSettingsProblems(settings);
        if (late.length) throw invalid(name, late);
        const notifierConfig: NotifierConfig = {
          settings,
          stateDir: STATE_DIR,
          logFile: this.logFile,
          renotifySeconds: args.renotifySeconds ?? SMS_NOTIFIER_DEFAULTS.renotifySeconds,
          hourlyCap: args.hourlyCap ?? SMS_NOTIFIER_DEFAULTS.hourlyCap,
          retries: args.retries ?? SMS_NOTIFIER_DEFAULTS.retries,
        };
        return `${JSON.stringify(notifierConfig, null, 2)}\n`;
      }),
    );
    const packages = new Packages(`${name}-packages`, { host, roles: ['smsNotifier'] }, { parent: this, dependsOn: opts?.dependsOn });
    // The Nagios user exists once Nagios's packages are in: the caller's dependsOn orders this after them.
    const folders = [STATE_DIR, LOG_DIR].map(
      (path) =>
        new Directory(`${name}-${path.split('/')[2]}-dir`, { host, path, owner: NAGIOS_USER, group: NAGIOS_USER, mode: '0750' }, { parent: this, dependsOn: opts?.dependsOn }),
    );
    const files = new ConfigFileSet(
      `${name}-files`,
      {
        host,
        files: [
          { path: PROGRAM, content: notifierProgram(), mode: '0755' },
          { path: CONFIG, content: config, group: NAGIOS_USER, mode: '0640' },
        ],
      },
      { parent: this, dependsOn: [packages, ...folders] },
    );
    this.ready = [files, ...folders];
    this.registerOutputs({ hostCommandLine: this.hostCommandLine, serviceCommandLine: this.serviceCommandLine, testCommand: this.testCommand, logFile: this.logFile });
  }
}
