import { shellQuote } from '@hastack/host';
import { PLAIN_IDENTIFIER, sqlIdentifier, sqlString } from '../sql/sql-values';
import { ROOT_SQL_FUNCTION } from '../sql/root-sql';

/** One database account as it should be on a member: who, and with which rights. */
export interface AccountSpec {
  user: string;
  /** Privileges on *.*, as MariaDB names them ("REPLICATION SLAVE"); none means USAGE only. */
  global: string[];
  /** Privileges on one database only. */
  database?: { name: string; privileges: string[] };
}

/**
 * The bash bodies of the account's one-off step. "$STEP_INPUT" holds the password on its first line
 * and, on its second, the hosts the account may log in from (addresses, or "localhost" for the local
 * socket only), space-separated: both may come from other resources, and a change of either makes the
 * step check again.
 */
export interface AccountStepScripts {
  check: string;
  run: string;
  undo: string;
}

/** The step's input: what renderAccountStep's scripts read from "$STEP_INPUT". */
export function accountStepInput(password: string, hosts: readonly string[]): string {
  return `${password}\n${hosts.join(' ')}\n`;
}

const READ_INPUT = [
  '{ IFS= read -r password; IFS= read -r host_list; } < "$STEP_INPUT" || true',
  '[[ $password =~ ^[A-Za-z0-9]{16,}$ ]] || { echo "the password given on stdin must be 16 or more letters and digits" >&2; exit 1; }',
  'read -ra hosts <<<"$host_list"',
  'for host in "${hosts[@]}"; do',
  '  [[ $host =~ ^([0-9]{1,3}\\.){3}[0-9]{1,3}$|^localhost$ ]] || { echo "\\"$host\\" is not an address or localhost" >&2; exit 1; }',
  'done',
  "want=\"$(printf '%s\\n' \"${hosts[@]}\" | sed '/^$/d' | LC_ALL=C sort -u | paste -sd' ' -)\"",
];

/** `fill TEMPLATE` prints the template with @HOST@ and @PASSWORD@ replaced by the shell's $host and $password. */
const FILL_FUNCTION = 'fill() { local text="${1//@HOST@/$host}"; printf \'%s\\n\' "${text//@PASSWORD@/$password}"; }';

const sorted = (values: string[]) => [...values].sort();

function hostsQuery(user: string): string {
  return shellQuote(`SELECT Host FROM mysql.user WHERE User = ${sqlString(user)}`);
}

/** DROP USER for each host the account has that is not in $want, printed for `sql` to read. */
function dropStatements(user: string): string[] {
  return [
    `sql -e ${hostsQuery(user)} | while IFS= read -r old; do`,
    `  [[ $old =~ ^[A-Za-z0-9.:%_-]+$ ]] || { echo "${user} has an account from an unexpected host: $old" >&2; exit 1; }`,
    `  [[ " $want " == *" $old "* ]] || printf "DROP USER IF EXISTS %s@'%s';\\n" ${shellQuote(sqlString(user))} "$old"`,
    'done',
  ];
}

/**
 * A check that passes only when the account exists from exactly the given hosts, with exactly the given
 * privileges and password, and a run that makes it so (dropping it from hosts no longer listed). Both
 * run as root over the socket with `sql_log_bin = 0`: each member holds its own accounts, and none of
 * this reaches a replica through the binary log, where it would collide with the replica's own.
 * Everything that carries the password goes to the server on stdin, never in an argument.
 */
export function renderAccountStep(spec: AccountSpec): AccountStepScripts {
  if (!PLAIN_IDENTIFIER.test(spec.user)) throw new Error(`account: "${spec.user}" is not a plain identifier`);
  for (const privilege of [...spec.global, ...(spec.database?.privileges ?? [])])
    if (!/^[A-Z]+( [A-Z]+)*$/.test(privilege)) throw new Error(`account ${spec.user}: "${privilege}" is not a privilege name`);
  if (spec.database && !PLAIN_IDENTIFIER.test(spec.database.name)) throw new Error(`account ${spec.user}: "${spec.database.name}" is not a plain identifier`);
  const account = `${sqlString(spec.user)}@'@HOST@'`;
  // information_schema writes a grantee as 'user'@'host', quotes included.
  const grantee = sqlString(`${sqlString(spec.user)}@'@HOST@'`);
  const expectedGlobal = spec.global.length ? sorted(spec.global).join(',') : 'USAGE';
  const expectedScoped = spec.database ? sorted(spec.database.privileges.map((p) => `${spec.database!.name}:${p}`)).join(',') : '';
  const queries = {
    global: `SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ${grantee}`,
    scoped: [
      `SELECT CONCAT(TABLE_SCHEMA, ':', PRIVILEGE_TYPE) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ${grantee}`,
      `UNION ALL SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME, ':', PRIVILEGE_TYPE) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ${grantee}`,
    ].join(' '),
    password: `SELECT COUNT(*) FROM mysql.user WHERE User = ${sqlString(spec.user)} AND Host = '@HOST@' AND authentication_string = PASSWORD('@PASSWORD@')`,
  };
  const create = [
    `CREATE OR REPLACE USER ${account} IDENTIFIED BY '@PASSWORD@';`,
    ...(spec.global.length ? [`GRANT ${spec.global.join(', ')} ON *.* TO ${account};`] : []),
    ...(spec.database ? [`GRANT ${spec.database.privileges.join(', ')} ON ${sqlIdentifier(spec.database.name)}.* TO ${account};`] : []),
  ].join('\n');
  const check = [
    ...READ_INPUT,
    ROOT_SQL_FUNCTION,
    FILL_FUNCTION,
    `got="$(sql -e ${hostsQuery(spec.user)} | LC_ALL=C sort | paste -sd' ' -)"`,
    `[ "$got" = "$want" ] || { echo "${spec.user} may log in from [$got], not [$want]"; exit 1; }`,
    'for host in "${hosts[@]}"; do',
    `  got="$(fill ${shellQuote(queries.global)} | sql | LC_ALL=C sort | paste -sd, -)"`,
    `  [ "$got" = ${shellQuote(expectedGlobal)} ] || { echo "${spec.user}@$host: global privileges are $got, not ${expectedGlobal}"; exit 1; }`,
    `  got="$(fill ${shellQuote(queries.scoped)} | sql | LC_ALL=C sort | paste -sd, -)"`,
    `  [ "$got" = ${shellQuote(expectedScoped)} ] || { echo "${spec.user}@$host: database privileges are $got, not ${expectedScoped}"; exit 1; }`,
    `  [ "$(fill ${shellQuote(queries.password)} | sql)" = 1 ] || { echo "${spec.user}@$host: the password differs"; exit 1; }`,
    'done',
  ].join('\n');
  const run = [
    ...READ_INPUT,
    ROOT_SQL_FUNCTION,
    FILL_FUNCTION,
    '{',
    "  echo 'SET SESSION sql_log_bin = 0;'",
    ...dropStatements(spec.user).map((line) => `  ${line}`),
    `  for host in "\${hosts[@]}"; do fill ${shellQuote(create)}; done`,
    '} | sql',
  ].join('\n');
  const undo = [
    ROOT_SQL_FUNCTION,
    "want=''",
    '{',
    "  echo 'SET SESSION sql_log_bin = 0;'",
    ...dropStatements(spec.user).map((line) => `  ${line}`),
    '} | sql',
  ].join('\n');
  return { check, run, undo };
}
