import { renderExportsCfg } from './render-exports-cfg';

describe('renderExportsCfg', () => {
  const text = renderExportsCfg({ clients: ['10.0.0.21', '10.0.0.22'], adminAddress: '10.0.0.41' });
  const rules = text.split('\n').filter((line) => line && !line.startsWith('#'));

  it('lists exactly the clients and the admin address, each alone', () => {
    expect(rules).toEqual(['10.0.0.41\t/\trw,alldirs,admin,maproot=0:0', '10.0.0.21\t/\trw,alldirs,maproot=0:0', '10.0.0.22\t/\trw,alldirs,maproot=0:0']);
  });

  it('exports nothing to everyone and no meta tree, unlike the shipped sample', () => {
    expect(rules.some((line) => line.startsWith('*'))).toBe(false);
    expect(rules.some((line) => line.split('\t')[1] === '.')).toBe(false);
  });

  it('gives admin rights to the admin address only, once, even when it is also a client', () => {
    const both = renderExportsCfg({ clients: ['10.0.0.41', '10.0.0.21', '10.0.0.21'], adminAddress: '10.0.0.41' });
    expect(both.match(/10\.0\.0\.41/g)).toHaveLength(1);
    expect(both.match(/10\.0\.0\.21/g)).toHaveLength(1);
    expect(rules.filter((line) => line.includes('admin'))).toEqual(['10.0.0.41\t/\trw,alldirs,admin,maproot=0:0']);
  });

  it('refuses a network or a name where an address belongs', () => {
    expect(() => renderExportsCfg({ clients: ['10.0.0.0/24'], adminAddress: '10.0.0.41' })).toThrow('"10.0.0.0/24" is not a single IPv4 address');
    expect(() => renderExportsCfg({ clients: [], adminAddress: 'mfsmaster' })).toThrow('"mfsmaster"');
  });
});
