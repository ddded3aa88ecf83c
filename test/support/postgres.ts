/**
 * A real PostgreSQL server for the tests: Debian's binaries (/usr/lib/postgresql/<version>/bin),
 * `initdb` into a temporary folder and a server on a free loopback port. PostgreSQL refuses to run
 * as root, so under root both run as the `postgres` user (`runuser`), in a folder it owns.
 *
 * Without PostgreSQL the tests that need it fail, saying how to install it: they never pass by
 * being skipped (.ci/run installs it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_PASSWORD = 'pg-test-password-Zq81';

export interface TestPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** A new, empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (fast shutdown: clients are disconnected), keeping its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: these tests need a real server (Debian: apt-get install -y postgresql; .ci/run installs it). ' +
        'They fail rather than being skipped, so that a machine without it does not pass them silently.',
    );
  }
  return join(root, versions[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

function pgUser(): { uid: number; gid: number } | undefined {
  if (!asRoot) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** A command as the user PostgreSQL runs as: `postgres` under root, else whoever runs the tests. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAccepting(url: string, server: () => ChildProcess | undefined, log: () => string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const s = server();
      if (!s || s.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const data = join(root, 'data');
  const owner = pgUser();
  if (owner) chownSync(root, owner.uid, owner.gid);
  chmodSync(root, 0o700);
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`);
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const [cmd, args] = asPostgres(join(bin, 'initdb'), [
    '-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C',
  ]);
  try {
    execFileSync(cmd, args, { stdio: 'pipe' });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message}`);
  }
  const port = await freePort();
  const url = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    if (server && server.exitCode === null && server.signalCode === null) return;
    const [c, a] = asPostgres(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${root}`,
      // A test server: speed over durability (a crash loses a test's database, nothing else).
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    output = '';
    server = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitUntilAccepting(url, () => server, () => output);
  };
  const stop = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((resolve) => s.once('exit', resolve));
    // SIGINT to the postmaster itself (runuser does not pass signals on): a fast shutdown, as `pg_ctl stop -m fast`.
    killServer('SIGINT');
    await exited;
  };
  /** The postmaster's pid, from the first line of postmaster.pid. */
  const killServer = (signal: NodeJS.Signals) => {
    try {
      process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), signal);
    } catch {
      // not running
    }
  };
  // A test run that ends without stopping it (a crash, a timeout) does not leave a server behind.
  process.once('exit', () => killServer('SIGQUIT'));
  await start();
  return {
    url,
    port,
    createDatabase: (name) => createDatabase(url, name),
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let made = 0;

/** A new, empty database on the server at `adminUrl` (…/postgres); its URL. */
export async function createDatabase(adminUrl: string, name = `t_${process.pid}_${Date.now().toString(36)}_${made++}`): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** Runs `fn` with a client on `url`. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
