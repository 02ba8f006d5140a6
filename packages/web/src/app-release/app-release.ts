import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, bashScript, hostCommand, shellQuote } from '@hastack/host';
import { drainFlagPath, HEALTH_PATH, HTTP_PORT, RELEASES_DIR, RELEASES_URL_PATH } from '../web-server';
import { AppReleaseArgs, ReleasePool, resolveReleaseDefaults, validateAppReleaseArgs } from './app-release-args';
import { renderPoolWaits } from './render-pool-waits';
import { renderReleaseDriftProbe, renderReleaseScript, renderReleasesRemovalScript, type ReleaseDrain } from './render-release-script';

/**
 * How a release on a web host leaves and rejoins the directors' pool (`renderPoolWaits` with the web
 * server's drain flag, health URL and port); `accessLog` is the host's (`profile.paths.webServerAccessLog`).
 */
export function releasePoolWaits(accessLog: string, pool: pulumi.Unwrap<ReleasePool>, stack?: string): ReleaseDrain {
  return renderPoolWaits({ flag: drainFlagPath(stack), accessLog, healthPath: HEALTH_PATH, port: HTTP_PORT, ...pool });
}

/** `status` of GET `path` on this host, through bash alone (no curl on a minimal host). */
function httpStatusIs(path: string, status: number): string {
  const request = `GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n`;
  return [
    `answer="$(timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/80 && printf "${request}" >&3 && head -n 1 <&3')"`,
    `case "$answer" in "HTTP/1."?" ${status} "*) ;; *) echo "GET ${path}: \${answer:-no answer}"; exit 1 ;; esac`,
  ].join('\n');
}

/**
 * The application released on one web host (see `renderReleaseScript`): its own folder named by its
 * digest, the document root switched to it only after the web server's config test and the release's
 * own check pass, out of the directors' pool meanwhile. One remote command; its stdout says the live
 * release. Chain the hosts' releases (`dependsOn`) to roll a release over a pool: one that fails stops
 * those after it, and the old release keeps serving.
 */
export class AppRelease extends pulumi.ComponentResource {
  /** The release live on the host once the command succeeded (its digest). */
  public readonly live: pulumi.Output<string>;

  constructor(name: string, args: AppReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('AppRelease', name, validateAppReleaseArgs(args));
    super('hastack:web:AppRelease', name, {}, opts);
    const { host, webServer, bundle, pool } = args;
    const { keep, checkPath } = resolveReleaseDefaults(args);
    const { paths, services, webServerConfigTest } = host.profile;
    const reload = `systemctl reload ${shellQuote(services.webServer)}`;
    const script = pulumi.all([pool?.directors ?? [], pool?.peers ?? []]).apply(([directors, peers]) => {
      if (pool) assertValidArgs('AppRelease', name, validateAppReleaseArgs({ ...args, pool: { ...pool, directors, peers } }));
      return bashScript(
        renderReleaseScript({
          releasesDir: RELEASES_DIR,
          documentRoot: paths.webDocumentRoot,
          digest: bundle.digest,
          keep,
          configTest: webServerConfigTest,
          releaseCheck: httpStatusIs(`${RELEASES_URL_PATH}/${bundle.digest}${checkPath}`, 200),
          reload,
          liveCheck: httpStatusIs(checkPath, 200),
          drain: pool ? releasePoolWaits(paths.webServerAccessLog, { ...pool, directors, peers }) : undefined,
        }),
      );
    });
    const release = hostCommand(
      `${name}-switch`,
      host,
      {
        create: script,
        update: script,
        delete: bashScript(renderReleasesRemovalScript({ releasesDir: RELEASES_DIR, documentRoot: paths.webDocumentRoot, reload })),
        // The application's code stays out of the state in clear. Only its secretness changes for a release
        // already in the state, which is no change to the command: nothing runs again for it.
        stdin: pulumi.secret(bundle.archive),
        driftProbe: bashScript(renderReleaseDriftProbe({ releasesDir: RELEASES_DIR, documentRoot: paths.webDocumentRoot, digest: bundle.digest })),
        logging: 'stderr',
      },
      { parent: this, dependsOn: webServer },
    );
    this.live = release.stdout.apply((stdout) => /^live (\S+)$/m.exec(stdout)?.[1] ?? '');
    this.registerOutputs({ live: this.live });
  }
}
