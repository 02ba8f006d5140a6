import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { appBundle, AppRelease, WebServer } from '@hastack/web';

/** Two web hosts serving the application in `appDir`, released on web1 first, then on web2. */
export function serveAppFromTwoHosts(privateKey: pulumi.Input<string>, appDir: string) {
  const bundle = appBundle(appDir);
  let previous: AppRelease | undefined;
  return ['web1', 'web2'].map((name, i) => {
    const host = defineHost({ name, address: `10.0.0.2${i + 1}`, os: 'alma-9', privateKey });
    const webServer = new WebServer(name, { host, placeholderPage: false });
    previous = new AppRelease(`${name}-app`, { host, webServer, bundle }, { dependsOn: previous ? [previous] : [] });
    return previous;
  });
}
