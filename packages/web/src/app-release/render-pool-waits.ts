import { shellQuote } from '@hastack/host';
import type { ReleaseDrain } from './render-release-script';

export interface PoolWaitOptions {
  /** The drain flag the web server's health URL answers 503 for. */
  flag: string;
  /** The web server's access log (combined format), where the directors' checks show with their answers. */
  accessLog: string;
  /** The health URL's path the directors check. */
  healthPath: string;
  /** The addresses the directors check from: one or more (`validateAppReleaseArgs` checks a release's pool). */
  directors: readonly string[];
  /**
   * The pool's other members that do not switch with this host: it leaves the pool only while one of them
   * answers the health URL with 200, so that a release never empties the pool.
   */
  peers: readonly string[];
  /** Failed checks in a row after which a director takes a host out (keepalived: `retry` + 1), at least 1. */
  failedChecks: number;
  /** Passed checks after which a director takes the host back (keepalived's HTTP check: 2; `poolChecks` of `@hastack/director`), at least 1. */
  passedChecks: number;
  /** The port clients connect to. */
  port: number;
  /** How long clients' open connections may take to finish once no new one comes (30 s); then the switch goes on. */
  connectionsTimeoutSeconds?: number;
  /** How long the directors may take to take the host out, or back (60 s); then the release fails. */
  directorsTimeoutSeconds?: number;
  /** A director that sends no check at all for this long (10 s) is down: the release does not wait for it. */
  silentDirectorSeconds?: number;
}

/**
 * Leaving and rejoining the pool as the host itself sees it, so a release needs no access to the
 * directors: every director's own checks in the access log, counted from the moment the flag changed
 * (`failedChecks` answers of 503 from each, then `passedChecks` of 200 from each; a director that checks
 * nothing for `silentDirectorSeconds` is down and not waited for), and the clients' connections on the
 * port (the directors' own excepted) in `ss`.
 */
export function renderPoolWaits(options: PoolWaitOptions): ReleaseDrain {
  const { flag, accessLog, healthPath, directors, peers, failedChecks, passedChecks, port } = options;
  const connectionsTimeout = options.connectionsTimeoutSeconds ?? 30;
  const directorsTimeout = options.directorsTimeoutSeconds ?? 60;
  const silentTicks = (options.silentDirectorSeconds ?? 10) * 10;
  const names = directors.join(', ');
  // Every director has answered `$1` to at least `$2` of its checks logged after byte `$3` of the log, or,
  // `$4` tenths of a second into the wait, sent none at all (a director that is down checks nothing).
  const waitChecks = [
    'checks_from_all() {',
    `  local log=${shellQuote(accessLog)} director hit any`,
    `  for director in ${directors.map(shellQuote).join(' ')}; do`,
    `    read -r hit any < <(tail -c +"$(($3 + 1))" "$log" | awk -v d="$director" -v p=${shellQuote(healthPath)} -v s="$1" '$1 == d && $7 == p { any++; if ($9 == s) hit++ } END { print hit + 0, any + 0 }')`,
    '    [ "$hit" -ge "$2" ] || { [ "$any" -eq 0 ] && [ "$4" -ge ' + String(silentTicks) + ' ]; } || return 1',
    '  done',
    '}',
    'wait_checks() {',
    `  for tick in $(seq ${directorsTimeout * 10}); do checks_from_all "$@" "$tick" && return 0; sleep 0.1; done`,
    '  return 1',
    '}',
  ];
  const offset = `offset="$(stat -c %s ${shellQuote(accessLog)} 2>/dev/null || echo 0)"`;
  const clients = `ss -Htn state established ${shellQuote(`( sport = :${port} )`)} | awk '{ sub(/:[0-9]+$/, "", $4); print $4 }' | grep -cvxF ${directors.map((d) => `-e ${shellQuote(d)}`).join(' ')} || true`;
  // Through bash alone, like the release's own checks: a minimal host has no curl.
  const servedElsewhere = [
    'served_elsewhere() {',
    '  local peer answer',
    `  for peer in ${peers.map(shellQuote).join(' ')}; do`,
    `    answer="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n" "$3" "$1" >&3 && head -n 1 <&3' _ "$peer" ${port} ${shellQuote(healthPath)} 2>/dev/null || true)"`,
    '    case "$answer" in "HTTP/1."?" 200 "*) return 0 ;; esac',
    '  done',
    '  return 1',
    '}',
  ].join('\n');
  return {
    flag,
    servedElsewhere,
    leave: [
      ...waitChecks,
      offset,
      `mkdir -p "$(dirname ${shellQuote(flag)})"`,
      `touch ${shellQuote(flag)}`,
      `wait_checks 503 ${failedChecks} "$offset" || { echo ${shellQuote(`the directors (${names}) did not take the host out within ${directorsTimeout} s`)} >&2; exit 1; }`,
      `for _ in $(seq ${connectionsTimeout * 10}); do [ "$(${clients})" -gt 0 ] || break; sleep 0.1; done`,
    ].join('\n'),
    rejoin: [
      offset,
      // The flag's folder too: destroy leaves no folder of the stack behind.
      `rm -f ${shellQuote(flag)}`,
      `rmdir -p --ignore-fail-on-non-empty "$(dirname ${shellQuote(flag)})" 2>/dev/null || true`,
      `wait_checks 200 ${passedChecks} "$offset" || { echo ${shellQuote(`the directors (${names}) did not take the host back within ${directorsTimeout} s`)} >&2; exit 1; }`,
    ].join('\n'),
  };
}
