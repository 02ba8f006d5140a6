import { formatWebStatus, parseWebHostProbe } from './web-status';

describe('parseWebHostProbe', () => {
  const out = [
    'Server version: Apache/2.4.62 (Debian)\nServer built:   2024-10-04T15:21:08\n',
    '<!doctype html>\n<p>PHP <span id="php">8.2.31</span></p>\n\n',
    '/ overlay\n/srv/shared mfs#198.18.0.41:9421\n',
    '/var/lib/hastack/lab/web/drain\n',
    '/var/www/hastack-releases/0123456789abcdef0123\n',
  ].join('--hastack--\n');

  it('reads the versions, the MooseFS mounts, the drain flag and the live release', () => {
    expect(parseWebHostProbe('web1', out)).toEqual({
      name: 'web1',
      apache: 'Apache/2.4.62 (Debian)',
      php: '8.2.31',
      mounts: ['/srv/shared'],
      drained: true,
      release: '0123456789abcdef0123',
    });
  });

  it('says what is missing on a bare host', () => {
    const bare = parseWebHostProbe('web2', '--hastack--\n\n--hastack--\n/ overlay\n--hastack--\n');
    expect(bare).toEqual({ name: 'web2', apache: undefined, php: undefined, mounts: [], drained: false, release: undefined });
    expect(formatWebStatus([bare])).toEqual(['web hosts:', '  web2       Apache NOT installed, PHP NOT answering, release none, mount none']);
  });
});
