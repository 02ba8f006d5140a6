import type * as pulumi from '@pulumi/pulumi';
import { isIpv4, knownValue } from '@hastack/host';
import type { Host } from '@hastack/host';
import type { WebServer } from '../web-server';
import type { AppBundle } from './app-bundle';

/** The directors in front of the host, for a release that leaves their pool around its switch. */
export interface ReleasePool {
  /** The addresses the directors check the host from. */
  directors: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The pool's other members that do not switch with this host (those outside its batch): the host leaves
   * the pool only while one of them serves; with none serving, it switches in place.
   */
  peers: pulumi.Input<pulumi.Input<string>[]>;
  /** Failed checks in a row after which a director takes the host out (keepalived: `retry` + 1). */
  failedChecks: number;
  /** Passed checks after which a director takes the host back (keepalived's HTTP check: 2). */
  passedChecks: number;
}

export interface AppReleaseArgs {
  /** The web host. */
  host: Host;
  /** The host's web server: the release goes live behind it, and its health URL and drain flag move the host out of the pool. */
  webServer: WebServer;
  /** The application (`appBundle(appDir)`), packed once for every host. */
  bundle: AppBundle;
  /** Releases kept on the host, the live one included (3). */
  keep?: number;
  /** The path that must answer 200, on the new release before the switch and once live ("/"). */
  checkPath?: string;
  /** The directors, when the host is in a pool: it leaves the pool for the switch and rejoins it after. */
  pool?: ReleasePool;
}

/** A check path the release script can put in its request line as it is: a plain URL path and query. */
const CHECK_PATH = /^\/[A-Za-z0-9._/?=&-]*$/;

/** The settings a release takes on each host, as an `AppRelease` and a roll-out over a pool both give them. */
export interface ReleaseSettings {
  keep?: number;
  checkPath?: string;
}

/** The one place a release's defaults are chosen. */
export function resolveReleaseDefaults(settings: ReleaseSettings): Required<ReleaseSettings> {
  return { keep: settings.keep ?? 3, checkPath: settings.checkPath ?? '/' };
}

/** The rules of a release's settings, each problem naming its argument; shared with `validateAppRollout`. */
export const releaseSettingProblems = {
  keep: (keep: number): string[] => (Number.isInteger(keep) && keep >= 1 ? [] : [`keep: ${keep} must be a whole number of at least 1 (the live release)`]),
  checkPath: (path: string): string[] => (CHECK_PATH.test(path) ? [] : [`checkPath: "${path}" is not a plain URL path starting with /`]),
};

function poolProblems(pool: ReleasePool): string[] {
  const problems: string[] = [];
  const directors = knownValue(pool.directors);
  if (directors?.length === 0) problems.push('pool.directors: at least one director is needed');
  for (const field of ['directors', 'peers'] as const) {
    knownValue(pool[field])?.forEach((input, i) => {
      const address = knownValue(input);
      if (address !== undefined && !isIpv4(address)) problems.push(`pool.${field}[${i}]: "${address}" is not an IPv4 address`);
    });
  }
  for (const field of ['failedChecks', 'passedChecks'] as const) {
    if (!Number.isInteger(pool[field]) || pool[field] < 1) problems.push(`pool.${field}: ${pool[field]} must be a whole number of at least 1`);
  }
  return problems;
}

/**
 * Every problem with the args, each naming the argument. The component runs it before any child exists,
 * over what is known then, and again once the pool's addresses (outputs) resolve.
 */
export function validateAppReleaseArgs(args: AppReleaseArgs): string[] {
  const { keep, checkPath } = resolveReleaseDefaults(args);
  return [...releaseSettingProblems.keep(keep), ...releaseSettingProblems.checkPath(checkPath), ...(args.pool ? poolProblems(args.pool) : [])];
}
