import * as fs from 'node:fs';
import type { Inventory } from '@hastack/inventory';
import { SmsRecord } from './sms-sink';

/** Every request the lab's SMS sink has recorded, oldest first. */
export function readSmsRecords(inventory: Pick<Inventory, 'smsGateway'>): SmsRecord[] {
  const file = inventory.smsGateway?.recordsFile;
  if (!file) throw new Error("the inventory names no SMS gateway records file: is it the lab's?");
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SmsRecord);
}
