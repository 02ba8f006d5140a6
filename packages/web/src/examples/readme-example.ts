import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { WebServer } from '@hastack/web';

export function serveFromTwoHosts(privateKey: pulumi.Input<string>) {
  return ['web1', 'web2'].map(
    (name, i) => new WebServer(name, { host: defineHost({ name, address: `10.0.0.2${i + 1}`, os: 'alma-9', privateKey }) }),
  );
}
