import { randomInt } from 'node:crypto';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const NUMERIC = '0123456789';
export const SPECIAL = '!@#$%&*()-_=+[]{}<>:?';

export interface CharacterOptions {
  length: number;
  upper: boolean;
  lower: boolean;
  numeric: boolean;
  special: boolean;
  minUpper: number;
  minLower: number;
  minNumeric: number;
  minSpecial: number;
  overrideSpecial?: string;
}

function draw(set: readonly string[], count: number): string[] {
  return Array.from({ length: count }, () => set[randomInt(set.length)]);
}

/**
 * A random string as upstream makes it, from the crypto RNG: first each class's minimum from that
 * class (even a disabled one), then the rest from every enabled class, then shuffled. `length` counts
 * characters, so an `overrideSpecial` with multi-byte characters is honoured.
 */
export function randomCharacters(options: CharacterOptions): string {
  const sets = {
    upper: [...UPPER],
    lower: [...LOWER],
    numeric: [...NUMERIC],
    special: [...(options.overrideSpecial || SPECIAL)],
  };
  const chosen = [
    ...draw(sets.upper, options.minUpper),
    ...draw(sets.lower, options.minLower),
    ...draw(sets.numeric, options.minNumeric),
    ...draw(sets.special, options.minSpecial),
  ];
  const pool = (['upper', 'lower', 'numeric', 'special'] as const).filter((name) => options[name]).flatMap((name) => sets[name]);
  chosen.push(...draw(pool, Math.max(options.length - chosen.length, 0)));
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
  }
  return chosen.join('');
}
