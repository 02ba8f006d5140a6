import type { SmsSettings } from '@hastack/sms';

/** The notifier's settings file on the monitoring host (root-owned, readable by Nagios's group only). */
export interface NotifierConfig {
  settings: SmsSettings;
  /** Where it remembers what it sent (owned by the Nagios user). */
  stateDir: string;
  /** One line per attempt, success and failure, never a credential. */
  logFile: string;
  /** An alert already sent for the same problem is not sent again within this many seconds. */
  renotifySeconds: number;
  /** At most this many SMS in any hour; beyond it they are counted and reported in one SMS later. */
  hourlyCap: number;
  /** Sends to one recipient at most this many times, the delay doubling from `firstDelayMs`, while the provider's refusal is one a retry can help. */
  retries: { attempts: number; firstDelayMs: number };
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
}

/** The SMS text: short, what and where first. */
export function alertText(alert: Alert): string {
  const text = `${alert.type} ${alert.host}${alert.service ? `/${alert.service}` : ''} ${alert.state}: ${alert.output}`;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
