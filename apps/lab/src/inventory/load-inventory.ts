import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateInventory } from './validate-inventory';
import type { Inventory } from './inventory-schema';

/** The lab writes its inventory here (`npm run lab:up`). */
export const LAB_INVENTORY = resolve(__dirname, '../../../../.lab/inventory.json');

export function loadInventory(path: string = LAB_INVENTORY): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the inventory ${path} (${(error as NodeJS.ErrnoException).code}); run \`npm run lab:up\` to create the lab's`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`the inventory ${path} is not JSON: ${(error as Error).message}`);
  }
  return validateInventory(data, path);
}
