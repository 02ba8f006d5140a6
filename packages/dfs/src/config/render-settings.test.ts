import { renderSettings } from './render-settings';

describe('renderSettings', () => {
  it('writes one OPTION = VALUE line per setting under the header', () => {
    expect(
      renderSettings([
        ['MASTER_HOST', '10.0.0.1'],
        ['MASTER_PORT', 9420],
      ]),
    ).toBe('# Rendered by hastack (dfs tier); edits are overwritten on the next deployment.\nMASTER_HOST = 10.0.0.1\nMASTER_PORT = 9420\n');
  });

  it.each([
    ['a line break', 'x\nAUTH_CODE = y'],
    ['a comment sign', 'abc#def'],
    ['an empty value', ''],
    ['surrounding blanks', ' x'],
  ])('refuses a value with %s, without quoting it', (_, value) => {
    expect(() => renderSettings([['AUTH_CODE', value]])).toThrow('the value of AUTH_CODE must be one line');
    expect(() => renderSettings([['AUTH_CODE', value]])).not.toThrow(value.trim() || 'never');
  });

  it('refuses an option name that is not one', () => {
    expect(() => renderSettings([['DATA PATH', '/x']])).toThrow('"DATA PATH" is not an option name');
  });
});
