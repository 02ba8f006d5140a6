import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, defineHost, Packages, Service, Sysctl } from '@hastack/host';

export function configureWebServer(privateKey: pulumi.Input<string>) {
  const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'rocky-9', privateKey });
  const packages = new Packages('web1-httpd', { host, roles: ['webServer'] });
  const conf = new ConfigFile(
    'web1-httpd-conf',
    {
      host,
      path: `${host.profile.paths.webServerConfigDir}/site.conf`,
      content: 'ServerTokens Prod\n',
      validate: host.profile.webServerConfigTest,
    },
    { dependsOn: packages },
  );
  new Sysctl('web1-somaxconn', { host, settings: { 'net.core.somaxconn': 1024 } });
  return new Service('web1-httpd-service', {
    host,
    unit: host.profile.services.webServer,
    reloadTriggers: [conf.digest],
    restartTriggers: [packages.installed],
  });
}
