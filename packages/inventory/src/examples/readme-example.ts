import { loadInventory } from '@hastack/inventory';

export function webHostNames(path: string): string[] {
  return loadInventory(path)
    .hosts.filter((host) => host.roles.includes('web'))
    .map((host) => host.name);
}
