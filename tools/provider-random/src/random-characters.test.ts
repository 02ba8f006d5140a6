import fc from 'fast-check';
import { CharacterOptions, LOWER, NUMERIC, SPECIAL, UPPER, randomCharacters } from './random-characters';

const all: CharacterOptions = {
  length: 32,
  upper: true,
  lower: true,
  numeric: true,
  special: true,
  minUpper: 0,
  minLower: 0,
  minNumeric: 0,
  minSpecial: 0,
};

const count = (text: string, set: string) => [...text].filter((char) => set.includes(char)).length;

describe('randomCharacters', () => {
  it('has the requested length and draws only from enabled classes', () => {
    const result = randomCharacters({ ...all, length: 200, special: false, upper: false });
    expect(result).toHaveLength(200);
    expect(count(result, LOWER + NUMERIC)).toBe(200);
  });

  it('honours every minimum, even of a disabled class', () => {
    for (let i = 0; i < 50; i++) {
      const result = randomCharacters({ ...all, length: 8, special: false, minSpecial: 3, minNumeric: 2, minUpper: 1 });
      expect(count(result, SPECIAL)).toBeGreaterThanOrEqual(3);
      expect(count(result, NUMERIC)).toBeGreaterThanOrEqual(2);
      expect(count(result, UPPER)).toBeGreaterThanOrEqual(1);
    }
  });

  it('uses overrideSpecial instead of the default specials, counting characters not bytes', () => {
    const result = randomCharacters({ ...all, length: 10, upper: false, lower: false, numeric: false, overrideSpecial: 'é_' });
    expect([...result]).toHaveLength(10);
    expect(result).toMatch(/^[é_]{10}$/);
  });

  it('honours length and minimums for any valid options (property)', () => {
    const options = fc
      .record({
        length: fc.integer({ min: 1, max: 64 }),
        upper: fc.boolean(),
        lower: fc.boolean(),
        numeric: fc.boolean(),
        special: fc.boolean(),
        minUpper: fc.integer({ min: 0, max: 8 }),
        minLower: fc.integer({ min: 0, max: 8 }),
        minNumeric: fc.integer({ min: 0, max: 8 }),
        minSpecial: fc.integer({ min: 0, max: 8 }),
      })
      .filter((o) => o.upper || o.lower || o.numeric || o.special)
      .filter((o) => o.length >= o.minUpper + o.minLower + o.minNumeric + o.minSpecial);
    fc.assert(
      fc.property(options, (o) => {
        const result = randomCharacters(o);
        expect(result).toHaveLength(o.length);
        expect(count(result, UPPER)).toBeGreaterThanOrEqual(o.minUpper);
        expect(count(result, LOWER)).toBeGreaterThanOrEqual(o.minLower);
        expect(count(result, NUMERIC)).toBeGreaterThanOrEqual(o.minNumeric);
        expect(count(result, SPECIAL)).toBeGreaterThanOrEqual(o.minSpecial);
        const allowed = [
          o.upper || o.minUpper ? UPPER : '',
          o.lower || o.minLower ? LOWER : '',
          o.numeric || o.minNumeric ? NUMERIC : '',
          o.special || o.minSpecial ? SPECIAL : '',
        ].join('');
        expect(count(result, allowed)).toBe(o.length);
      }),
    );
  });

  it('does not repeat itself', () => {
    expect(randomCharacters(all)).not.toBe(randomCharacters(all));
  });
});
