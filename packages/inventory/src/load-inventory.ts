import { readFileSync } from 'node:fs';
import { validateInventory } from './validate-inventory';
import type { Inventory } from './inventory-schema';

/** Reads and validates an inventory file; every failure names the file and says what is wrong. */
export function loadInventory(path: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the inventory ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`the inventory ${path} is not JSON: ${(error as Error).message}`);
  }
  return validateInventory(data, path);
}
