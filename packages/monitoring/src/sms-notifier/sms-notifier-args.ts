import type * as pulumi from '@pulumi/pulumi';
import { knownValue, type Host } from '@hastack/host';
import { validateSmsSettings, type SmsSettings } from '@hastack/sms';
import { NAGIOS_USER } from '../nagios-server/nagios-user';

export interface SmsNotifierArgs {
  /** The monitoring host, where Nagios runs the notifier. */
  host: Host;
  /** Provider, credentials and recipients; give it as a secret (stack config `--secret`). */
  settings: pulumi.Input<SmsSettings>;
  /** The same notification (host, service, type, state) is not sent twice within this many seconds (3600; 0 sends every one). */
  renotifySeconds?: number;
  /** At most this many SMS an hour (30); the rest are counted and reported in one SMS. */
  hourlyCap?: number;
  /**
   * Seconds (1800) a host or service that has never been OK may be down without paging: a deployment building
   * it, whose checks run before its daemons do. What was OK once pages at once.
   */
  buildGraceSeconds?: number;
  /** Tries per SMS and recipient (4), the first retry after `firstDelayMs` (1000), doubling. */
  retries?: { attempts: number; firstDelayMs: number };
  /** The account Nagios runs notifications as ('nagios'): it reads the settings and owns the state and the log. */
  nagiosUser?: string;
}

export const SMS_NOTIFIER_DEFAULTS = {
  renotifySeconds: 3600,
  hourlyCap: 30,
  buildGraceSeconds: 1800,
  retries: { attempts: 4, firstDelayMs: 1000 },
  nagiosUser: NAGIOS_USER,
};

/** Nagios kills a notification after its notification_timeout (30 s): a run, retries included, ends before. */
export const SMS_NOTIFIER_RUN_BUDGET_MS = 25_000;

const ACCOUNT = /^[a-z_][a-z0-9_.-]{0,31}$/;

/**
 * Every problem of the notifier's arguments, each named. SMS settings that are an Output or a promise
 * are skipped here: the component checks them (`smsSettingsProblems`) once they resolve.
 */
export function validateSmsNotifierArgs(args: Omit<SmsNotifierArgs, 'host' | 'settings'> & Partial<Pick<SmsNotifierArgs, 'settings'>>): string[] {
  const problems: string[] = [];
  if (args.renotifySeconds !== undefined && !(Number.isInteger(args.renotifySeconds) && args.renotifySeconds >= 0))
    problems.push(`renotifySeconds: must be a whole number >= 0, got ${args.renotifySeconds}`);
  if (args.hourlyCap !== undefined && !(Number.isInteger(args.hourlyCap) && args.hourlyCap >= 1))
    problems.push(`hourlyCap: must be a whole number >= 1, got ${args.hourlyCap}`);
  if (args.buildGraceSeconds !== undefined && !(Number.isInteger(args.buildGraceSeconds) && args.buildGraceSeconds >= 0))
    problems.push(`buildGraceSeconds: must be a whole number >= 0, got ${args.buildGraceSeconds}`);
  const retries = args.retries;
  if (retries !== undefined) {
    if (!(Number.isInteger(retries.attempts) && retries.attempts >= 1 && retries.attempts <= 10))
      problems.push(`retries.attempts: must be 1 to 10, got ${retries.attempts}`);
    if (!(Number.isInteger(retries.firstDelayMs) && retries.firstDelayMs >= 0))
      problems.push(`retries.firstDelayMs: must be a whole number >= 0, got ${retries.firstDelayMs}`);
    else {
      const total = retries.firstDelayMs * (2 ** Math.max(retries.attempts - 1, 0) - 1);
      if (total > SMS_NOTIFIER_RUN_BUDGET_MS / 2)
        problems.push(`retries: the back-off totals ${total} ms, more than half the ${SMS_NOTIFIER_RUN_BUDGET_MS} ms a notification may take`);
    }
  }
  if (args.nagiosUser !== undefined && !ACCOUNT.test(args.nagiosUser)) problems.push(`nagiosUser: "${args.nagiosUser}" is not a user name`);
  const settings = knownValue(args.settings);
  if (settings !== undefined) problems.push(...smsSettingsProblems(settings));
  return problems;
}

/** The SMS settings' problems, prefixed with where they are. */
export function smsSettingsProblems(settings: unknown): string[] {
  return validateSmsSettings(settings).map((problem) => `settings.${problem}`);
}
