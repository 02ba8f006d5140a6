import { renderHddCfg } from './render-hdd-cfg';

describe('renderHddCfg', () => {
  it('lists one folder a line, with its limit when given', () => {
    expect(
      renderHddCfg([{ path: '/srv/mfs-chunks' }, { path: '/data/b', limit: '-5GiB' }])
        .split('\n')
        .slice(1),
    ).toEqual(['/srv/mfs-chunks', '/data/b -5GiB', '']);
  });

  it.each(['*/srv/x', 'srv/x', '/srv/a b', '/srv/../etc'])('refuses %j, which would switch a mode or split a path', (path) => {
    expect(() => renderHddCfg([{ path }])).toThrow('is not a plain absolute path');
  });

  it('refuses a limit that is not a size', () => {
    expect(() => renderHddCfg([{ path: '/srv/x', limit: 'lots' }])).toThrow('"lots" is not a size');
  });
});
