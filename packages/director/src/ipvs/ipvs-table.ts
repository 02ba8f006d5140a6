export interface IpvsRealServer {
  service: string;
  address: string;
  forward: string;
  weight: number;
  activeConnections: number;
  inactiveConnections: number;
}

/** Parses `ipvsadm -Ln`: one entry per real server, under the virtual service it belongs to. */
export function parseIpvsTable(text: string): IpvsRealServer[] {
  const servers: IpvsRealServer[] = [];
  let service = '';
  for (const line of text.split('\n')) {
    const serviceLine = /^(TCP|UDP|FWM)\s+(\S+)\s+(\S+)/.exec(line);
    if (serviceLine) service = `${serviceLine[1]} ${serviceLine[2]} ${serviceLine[3]}`;
    const realLine = /^\s+->\s+(\d+\.\d+\.\d+\.\d+:\d+)\s+(\w+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(line);
    if (realLine && service) {
      servers.push({
        service,
        address: realLine[1],
        forward: realLine[2],
        weight: Number(realLine[3]),
        activeConnections: Number(realLine[4]),
        inactiveConnections: Number(realLine[5]),
      });
    }
  }
  return servers;
}
