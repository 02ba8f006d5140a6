export interface JobUnits {
  service: string;
  timer: string;
}

export interface JobUnitOptions {
  description: string;
  scriptPath: string;
  onCalendar: string;
  randomizedDelaySeconds: number;
  user: string;
}

function line(value: string, what: string): string {
  if (/[\n\r]/.test(value) || value.trim() === '') throw new Error(`ScheduledJob: ${what} must be one non-empty line`);
  return value;
}

/**
 * A oneshot service that runs the job's script and a timer that starts it. `Persistent=true` runs a run
 * missed while the host was down once it is back, as cron-based backups do not.
 */
export function renderJobUnits(options: JobUnitOptions): JobUnits {
  const service = [
    '# Rendered by hastack (host layer).',
    '[Unit]',
    `Description=${line(options.description, 'description')}`,
    '',
    '[Service]',
    'Type=oneshot',
    `User=${line(options.user, 'user')}`,
    `ExecStart=${line(options.scriptPath, 'script path')}`,
    '',
  ].join('\n');
  const timer = [
    '# Rendered by hastack (host layer).',
    '[Unit]',
    `Description=Schedule of: ${options.description}`,
    '',
    '[Timer]',
    `OnCalendar=${line(options.onCalendar, 'onCalendar')}`,
    'Persistent=true',
    `RandomizedDelaySec=${options.randomizedDelaySeconds}`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}

/** The job's script: the caller's lines under bash's strict mode. */
export function renderJobScript(body: string): string {
  return ['#!/bin/bash', '# Rendered by hastack (host layer).', 'set -euo pipefail', body.trimEnd(), ''].join('\n');
}
