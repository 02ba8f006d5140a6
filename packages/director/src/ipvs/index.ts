export { parseIpvsTable } from './ipvs-table';
export type { IpvsRealServer } from './ipvs-table';
