import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inventory, loadInventory } from '@hastack/inventory';

/** Where `npm run lab:up` writes the lab's inventory. */
export const LAB_INVENTORY = resolve(__dirname, '../../../.lab/inventory.json');

export function loadLabInventory(path: string = process.env.HASTACK_INVENTORY ?? LAB_INVENTORY): Inventory {
  if (!existsSync(path)) throw new Error(`there is no inventory at ${path}: \`npm run lab:up\` writes the lab's`);
  return loadInventory(path);
}
