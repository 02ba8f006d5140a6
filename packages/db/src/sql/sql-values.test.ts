import fc from 'fast-check';
import { isPlainIdentifier, serverIdFromAddress, sqlAccount, sqlIdentifier, sqlString } from './sql-values';

describe('isPlainIdentifier', () => {
  it.each(['app', 'hastack_app', '_x', 'A1'])('accepts %s', (name) => expect(isPlainIdentifier(name)).toBe(true));
  it.each(['', '1app', 'app-db', "x'; DROP", 'a b', 'a'.repeat(33), 'app`'])('refuses %j', (name) => expect(isPlainIdentifier(name)).toBe(false));
});

describe('SQL quoting', () => {
  it('doubles quotes and escapes backslashes in strings', () => {
    expect(sqlString("it's \\ here")).toBe("'it''s \\\\ here'");
    expect(sqlAccount('repl', '198.18.0.32')).toBe("'repl'@'198.18.0.32'");
  });

  it('doubles backticks in identifiers', () => {
    expect(sqlIdentifier('we`ird')).toBe('`we``ird`');
  });
});

describe('serverIdFromAddress', () => {
  it('is the address as a 32-bit number', () => {
    expect(serverIdFromAddress('198.18.0.31')).toBe(198 * 2 ** 24 + 18 * 2 ** 16 + 31);
  });

  it('gives different addresses different ids within 1..4294967295', () => {
    const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 255 })).map((o) => o.join('.'));
    fc.assert(
      fc.property(address, address, (a, b) => {
        const [x, y] = [serverIdFromAddress(a), serverIdFromAddress(b)];
        return x >= 1 && x <= 4294967295 && (a === b) === (x === y);
      }),
    );
  });

  it('refuses what is not an address', () => {
    expect(() => serverIdFromAddress('db1')).toThrow('"db1" is not an IPv4 address');
    expect(() => serverIdFromAddress('0.0.0.0')).toThrow('server_id 0');
  });
});
