import { execFileSync } from 'node:child_process';
import { createServer, Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parsePortScan, portScanProgram } from './port-scan';

function listen(address: string): Promise<Server> {
  const server = createServer((socket) => socket.end());
  return new Promise((resolve) => server.listen(0, address, () => resolve(server)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

// The program runs on the stranger in the lab; here it runs on this machine, against its loopback.
describe('portScanProgram', () => {
  it('finds the ports that accept a connection, per target, and none that refuse', async () => {
    const open = await listen('127.0.0.1');
    const closed = await listen('127.0.0.1');
    const closedPort = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    try {
      // The server listens on 127.0.0.1 only: the same port on 127.0.0.2 refuses.
      const targets = [
        { name: 'listening', address: '127.0.0.1' },
        { name: 'other', address: '127.0.0.2' },
      ];
      const program = portScanProgram(targets, [closedPort, portOf(open)]);
      const stdout = execFileSync('python3', ['-'], { input: program.source, encoding: 'utf8', timeout: program.timeoutMs });
      expect(parsePortScan(stdout, targets)).toEqual(
        new Map([
          ['listening', [portOf(open)]],
          ['other', []],
        ]),
      );
    } finally {
      open.close();
    }
  });

  it('allows for the connects of a large scan taking one timeout each round', () => {
    const targets = Array.from({ length: 11 }, (_, i) => ({ name: `h${i}`, address: `198.18.0.${i + 11}` }));
    expect(
      portScanProgram(
        targets,
        Array.from({ length: 30 }, (_, i) => i + 1),
      ).timeoutMs,
    ).toBe(21_000);
    expect(
      portScanProgram(
        targets,
        Array.from({ length: 100 }, (_, i) => i + 1),
      ).timeoutMs,
    ).toBe(23_000);
  });

  it('refuses a target named twice, whose ports would merge', () => {
    expect(() =>
      portScanProgram(
        [
          { name: 'a', address: '198.18.0.1' },
          { name: 'a', address: '198.18.0.2' },
        ],
        [22],
      ),
    ).toThrow('portScan: target a is given twice');
  });
});

describe('parsePortScan', () => {
  it('orders the ports and the targets', () => {
    expect([
      ...parsePortScan('{"b": [], "a": [5666, 22]}', [
        { name: 'a', address: '' },
        { name: 'b', address: '' },
      ]),
    ]).toEqual([
      ['a', [22, 5666]],
      ['b', []],
    ]);
  });
});
