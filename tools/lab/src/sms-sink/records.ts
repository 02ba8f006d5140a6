import * as fs from 'node:fs';
import { Inventory } from '../inventory/inventory';
import { SmsRecord } from './sms-sink';

/** Every request the lab's SMS sink has recorded, oldest first. */
export function readSmsRecords(inventory: Pick<Inventory, 'smsGateway'>): SmsRecord[] {
  const file = inventory.smsGateway.recordsFile;
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SmsRecord);
}
