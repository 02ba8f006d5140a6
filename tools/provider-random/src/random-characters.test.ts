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

  it('does not repeat itself', () => {
    expect(randomCharacters(all)).not.toBe(randomCharacters(all));
  });
});
