import { shellQuote } from '@hastack/host';
import { sqlIdentifier, sqlString } from '../sql/sql-values';

/** The application's database on the primary: whether it exists, and its creation. */
export function renderDatabaseStep(database: string): { check: string; run: string } {
  const exists = `SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${sqlString(database)}`;
  return {
    check: `[ "$(mariadb --protocol=socket -N -B -e ${shellQuote(exists)})" = 1 ]`,
    // In the binary log, so that every replica gets it too.
    run: `mariadb --protocol=socket -e ${shellQuote(`CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database)} CHARACTER SET utf8mb4`)}`,
  };
}
