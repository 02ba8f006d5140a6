export { HostRoles, inventorySchema, siteDescriptionSchema } from './inventory-schema';
export type { HostRole, Inventory, InventoryHost, SiteDescription, SiteDescriptionHost } from './inventory-schema';
export { InventoryError, validateInventory, validateSiteDescription } from './validate-inventory';
export { loadInventory } from './load-inventory';
