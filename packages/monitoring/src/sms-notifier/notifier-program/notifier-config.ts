import { validateSmsSettings, type SmsSettings } from '@hastack/sms';

/** The notifier's settings file on the monitoring host (root-owned, readable by Nagios's group only). */
export interface NotifierConfig {
  settings: SmsSettings;
  /** Where it remembers what it sent (owned by the Nagios user). */
  stateDir: string;
  /** One line per attempt, success and failure, never a credential. */
  logFile: string;
  /** The same notification (host, service, type, state) is not sent again within this many seconds. */
  renotifySeconds: number;
  /** At most this many SMS in any hour; beyond it they are counted and reported in one SMS later. */
  hourlyCap: number;
  /**
   * A problem of a host or service that has never been OK (one a deployment is still building) is held back
   * while it has lasted less than this many seconds, and the recovery that ends it with it.
   */
  buildGraceSeconds: number;
  /** Sends to one recipient at most this many times, the delay doubling from `firstDelayMs`, while the provider's refusal is one a retry can help. */
  retries: { attempts: number; firstDelayMs: number };
  /** The whole run ends within this many milliseconds, retries included: Nagios kills a notification after its notification_timeout. */
  runBudgetMs: number;
}

/** One Nagios notification, from its macros. */
export interface Alert {
  /** $NOTIFICATIONTYPE$: PROBLEM, RECOVERY, ACKNOWLEDGEMENT, ... */
  type: string;
  host: string;
  /** Absent for a host notification. */
  service?: string;
  /** $HOSTSTATE$ or $SERVICESTATE$. */
  state: string;
  output: string;
  /** $LASTSERVICEOK$ or $LASTHOSTUP$: when it was last OK (UP), 0 if never since Nagios has known it. */
  lastOk?: number;
  /** $SERVICEDURATIONSEC$ or $HOSTDURATIONSEC$: how long it has been in its state. */
  stateSeconds?: number;
}

export const MAX_SMS_TEXT = 300;

/** The SMS text: short, what and where first. */
export function alertText(alert: Alert): string {
  const text = `${alert.type} ${alert.host}${alert.service ? `/${alert.service}` : ''} ${alert.state}: ${alert.output}`;
  return text.length > MAX_SMS_TEXT ? `${text.slice(0, MAX_SMS_TEXT - 3)}...` : text;
}

function isWhole(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Every problem of a settings file as read (a hand-edited one too), each naming the setting; never quoting a credential. */
export function configProblems(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return ['the config must be a JSON object'];
  const c = config as Record<string, unknown>;
  const retries = (typeof c.retries === 'object' && c.retries !== null ? c.retries : {}) as Record<string, unknown>;
  return [
    ...validateSmsSettings(c.settings).map((problem) => `settings.${problem}`),
    ...(['stateDir', 'logFile'] as const)
      .filter((name) => typeof c[name] !== 'string' || !(c[name] as string).startsWith('/'))
      .map((name) => `${name}: must be an absolute path`),
    ...(isWhole(c.renotifySeconds, 0) ? [] : ['renotifySeconds: must be a whole number >= 0']),
    ...(isWhole(c.hourlyCap, 1) ? [] : ['hourlyCap: must be a whole number >= 1']),
    ...(isWhole(c.buildGraceSeconds, 0) ? [] : ['buildGraceSeconds: must be a whole number >= 0']),
    ...(isWhole(retries.attempts, 1) ? [] : ['retries.attempts: must be a whole number >= 1']),
    ...(isWhole(retries.firstDelayMs, 0) ? [] : ['retries.firstDelayMs: must be a whole number >= 0']),
    ...(isWhole(c.runBudgetMs, 1) ? [] : ['runBudgetMs: must be a whole number >= 1']),
  ];
}
