import { countStates, parseNagiosStatus } from './nagios-status';

const STATUS = `info {
	created=1796000000
	version=4.4.6
	}

hoststatus {
	host_name=web1
	has_been_checked=1
	current_state=0
	state_type=1
	plugin_output=PING OK - Packet loss = 0%
	current_notification_number=0
	}

hoststatus {
	host_name=web2
	has_been_checked=0
	current_state=0
	plugin_output=
	}

servicestatus {
	host_name=web1
	service_description=apache
	has_been_checked=1
	current_state=2
	state_type=1
	plugin_output=CRITICAL: apache2 not running
	current_notification_number=1
	}

servicestatus {
	host_name=web1
	service_description=check_disk
	has_been_checked=1
	current_state=1
	state_type=0
	plugin_output=DISK WARNING - free space: / 100 MB (9% inode=50%);| /=1000MB;;;0;1100
	}
`;

describe('parseNagiosStatus', () => {
  const status = parseNagiosStatus(STATUS);

  it('reads every host and service with its state, HARD or SOFT, and output', () => {
    expect(status.hosts).toEqual([
      { host: 'web1', state: 'UP', hard: true, output: 'PING OK - Packet loss = 0%', notifications: 0 },
      { host: 'web2', state: 'PENDING', hard: false, output: '', notifications: 0 },
    ]);
    expect(status.services).toEqual([
      { host: 'web1', service: 'apache', state: 'CRITICAL', hard: true, output: 'CRITICAL: apache2 not running', notifications: 1 },
      expect.objectContaining({ service: 'check_disk', state: 'WARNING', hard: false, output: expect.stringContaining('inode=50%);| /=1000MB') }),
    ]);
  });

  it('counts states', () => {
    expect(countStates(status.hosts)).toEqual({ UP: 1, PENDING: 1 });
    expect(countStates(status.services)).toEqual({ CRITICAL: 1, WARNING: 1 });
  });
});
