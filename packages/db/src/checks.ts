export { CheckRunners, type CheckRunner, type TierCheck } from '@hastack/host';

/**
 * Option file ([client] user and password of the tier's monitoring user) that checks run on the
 * monitoring server read; the monitoring tier writes it from `ReplicatedDatabase.monitoringUser` and
 * `monitoringPassword`, readable by its agent only.
 */
export const MONITORING_CLIENT_CONFIG = '/etc/hastack/db-monitoring.cnf';
