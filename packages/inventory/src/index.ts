export { HostRoles, inventorySchema } from './inventory-schema';
export type { HostRole, Inventory, InventoryHost } from './inventory-schema';
export { InventoryError, validateInventory } from './validate-inventory';
export { loadInventory } from './load-inventory';
