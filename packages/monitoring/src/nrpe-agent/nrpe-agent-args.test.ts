import type { Host } from '@hastack/host';
import { validateNrpeAgentArgs } from './nrpe-agent-args';

const host = {} as Host;

describe('validateNrpeAgentArgs', () => {
  it('accepts a plain agent', () => {
    expect(validateNrpeAgentArgs({ host, listenAddress: '198.18.0.21', monitoringAddresses: ['198.18.0.51'] })).toEqual([]);
  });

  it('names every bad argument at once', () => {
    const problems = validateNrpeAgentArgs({
      host,
      listenAddress: '0.0.0.0',
      monitoringAddresses: ['monitoring.lab'],
      commands: [
        { name: 'check_disk', command: 'true' },
        { name: 'bad name', command: 'true' },
        { name: 'two-lines', command: 'true\nfalse' },
      ],
      thresholds: {
        diskFreePercent: [10, 20],
        totalProcs: [500, 300],
        loadPerCore: [
          [4, 3, 2],
          [8, 6, 1],
        ],
      },
      port: 0,
    });
    expect(problems).toEqual([
      'listenAddress: "0.0.0.0" is not a host\'s IPv4 address',
      'monitoringAddresses[0]: "monitoring.lab" is not an IPv4 address',
      'commands[0].name: "check_disk" is used twice',
      'commands[1].name: "bad name" is not a command name (letters, digits, _ . -)',
      'commands[2].command: must be one non-empty line',
      'thresholds.diskFreePercent: the critical threshold 20 is less severe than the warning 10',
      'thresholds.totalProcs: the critical threshold 300 is less severe than the warning 500',
      'thresholds.loadPerCore[2]: the critical threshold 1 is less severe than the warning 2',
      'port: 0 is outside 1..65535',
    ]);
  });

  it('needs a monitoring server', () => {
    expect(validateNrpeAgentArgs({ host, listenAddress: '198.18.0.21', monitoringAddresses: [] })).toEqual([
      'monitoringAddresses: at least one monitoring server address is needed',
    ]);
  });
});
