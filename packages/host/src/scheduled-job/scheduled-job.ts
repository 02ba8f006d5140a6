import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, onHostName, stackScopedName } from '../config-file';
import { Host } from '../connection';
import { Service } from '../service';
import { renderJobScript, renderJobUnits } from './render-job-units';

export interface ScheduledJobArgs {
  /** Where the job runs. */
  host: Host;
  /** One line saying what the job does. */
  description: string;
  /** The job, as bash lines run under `set -euo pipefail`; may be a secret (the file is 0750 root). */
  script: pulumi.Input<string>;
  /** When, as a systemd calendar expression: "daily", "*-*-* 03:15:00", "hourly". */
  onCalendar: string;
  /** Seconds of random delay, so that many hosts do not start at once (0). */
  randomizedDelaySeconds?: number;
  /** Who runs it (root). */
  user?: string;
}

/**
 * A job run on a schedule by a systemd timer (`hastack-<stack>-<name>.timer`), for backups and the like.
 * systemd checks both units before they replace the running ones; destroy removes them.
 */
export class ScheduledJob extends pulumi.ComponentResource {
  /** The service that runs the job once: `systemctl start` it to run the job now. */
  public readonly serviceUnit: string;
  public readonly timerUnit: string;

  constructor(name: string, args: ScheduledJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:ScheduledJob', name, {}, opts);
    const { host } = args;
    const unitDir = host.profile.paths.systemdUnitDir;
    const scoped = stackScopedName(onHostName(name, host));
    this.serviceUnit = `hastack-${scoped}.service`;
    this.timerUnit = `hastack-${scoped}.timer`;
    const scriptPath = `/usr/local/lib/hastack/${scoped}.sh`;
    const units = renderJobUnits({
      description: args.description,
      scriptPath,
      onCalendar: args.onCalendar,
      randomizedDelaySeconds: args.randomizedDelaySeconds ?? 0,
      user: args.user ?? 'root',
    });
    const script = new ConfigFile(
      `${name}-script`,
      { host, path: scriptPath, content: pulumi.output(args.script).apply(renderJobScript), mode: '0750', validate: 'bash -n "$CONFIG_FILE"' },
      { parent: this },
    );
    const service = new ConfigFile(
      `${name}-service-unit`,
      { host, path: `${unitDir}/${this.serviceUnit}`, content: units.service, validate: 'systemd-analyze verify "$CONFIG_FILE"' },
      { parent: this, dependsOn: script },
    );
    const timer = new ConfigFile(
      `${name}-timer-unit`,
      { host, path: `${unitDir}/${this.timerUnit}`, content: units.timer, validate: 'systemd-analyze verify "$CONFIG_FILE"' },
      { parent: this, dependsOn: service },
    );
    new Service(`${name}-timer`, { host, unit: this.timerUnit, restartTriggers: [service.digest, timer.digest] }, { parent: this, dependsOn: timer });
    this.registerOutputs({ serviceUnit: this.serviceUnit, timerUnit: this.timerUnit });
  }
}
