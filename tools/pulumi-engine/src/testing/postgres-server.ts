import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall, freePort } from '@hastack/host/testing';

const SERVERS_ROOT = '/usr/lib/postgresql';
/** Debian 12's server package; any major version already installed will do as well. */
const SERVER_PACKAGE = 'postgresql-15';
const CREATECLUSTER_CONF = '/etc/postgresql-common/createcluster.conf';
const DATABASE = 'pulumi';

/** A PostgreSQL server of the test's own on 127.0.0.1, with one database and a generated password. */
export interface PostgresServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/pulumi?sslmode=disable`, for PULUMI_BACKEND_URL. */
  url: string;
  password: string;
  /** The rows `sql` returns from the database, one a line, columns joined by `|`. */
  query(sql: string): string;
  /** Stops the server and removes its files. */
  stop(): void;
}

/** The bin folder of the newest server installed (Debian keeps each major version in a folder of its own). */
function serverBin(): string | undefined {
  const versions = existsSync(SERVERS_ROOT) ? readdirSync(SERVERS_ROOT).filter((version) => existsSync(join(SERVERS_ROOT, version, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(SERVERS_ROOT, newest, 'bin');
}

/** The machine may lack the server; installing it is the one setup step the tests take. */
function ensureServerInstalled(): string {
  const installed = serverBin();
  if (installed) return installed;
  process.stderr.write(`postgres-server: installing ${SERVER_PACKAGE} (about 1 min)\n`);
  aptInstall('postgresql-common');
  // Otherwise the server package creates the cluster `main` and starts it, to run on after the tests.
  if (!/^\s*create_main_cluster\s*=\s*false/m.test(readFileSync(CREATECLUSTER_CONF, 'utf8'))) {
    appendFileSync(CREATECLUSTER_CONF, 'create_main_cluster = false\n');
  }
  aptInstall(SERVER_PACKAGE);
  const bin = serverBin();
  if (!bin) throw new Error(`${SERVER_PACKAGE} is installed, yet there is no ${SERVERS_ROOT}/*/bin/initdb`);
  return bin;
}

function serverSettings(dir: string, port: number): string {
  return [
    '',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    // Not /var/run/postgresql, which belongs to the system's own clusters.
    `unix_socket_directories = '${dir}'`,
    // Nothing on a throwaway server needs to survive a crash of the machine.
    'fsync = off',
    '',
  ].join('\n');
}

/**
 * Starts a fresh server in a temporary folder, installing Debian's package first when the machine has none.
 * PostgreSQL refuses to run as root: the server runs as the package's `postgres` user.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = ensureServerInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'postgres-server-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
  chownSync(dir, uid, gid);
  chownSync(passwordFile, uid, gid);
  const asPostgres = (command: string, ...args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { cwd: dir, stdio: 'pipe' });

  const port = await freePort();
  try {
    asPostgres(
      'initdb',
      '--pgdata',
      data,
      '--username',
      'postgres',
      '--pwfile',
      passwordFile,
      '--auth',
      'scram-sha-256',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
      '--no-instructions',
    );
    appendFileSync(join(data, 'postgresql.conf'), serverSettings(dir, port));
    asPostgres('pg_ctl', '--pgdata', data, '--log', log, '--wait', 'start');
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').trim() : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${serverLog}`);
  }

  const stop = () => {
    try {
      asPostgres('pg_ctl', '--pgdata', data, '--mode', 'fast', '--wait', 'stop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const client = (command: string, ...args: string[]) =>
    execFileSync(join(bin, command), ['--host', '127.0.0.1', '--port', String(port), '--username', 'postgres', ...args], {
      env: { ...process.env, PGPASSWORD: password },
      encoding: 'utf8',
    });
  try {
    client('createdb', DATABASE);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}?sslmode=disable`,
    password,
    query: (sql) => client('psql', '--dbname', DATABASE, '--no-psqlrc', '--tuples-only', '--no-align', '--command', sql).trim(),
    stop,
  };
}
