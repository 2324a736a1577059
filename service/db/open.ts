/**
 * Opens the service database: PostgreSQL when a URL is given, otherwise an embedded PGlite in the
 * data directory (one connection, guarded by a lock file). Either way the caller gets the same
 * Kysely instance, migrated.
 */
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './dir-lock.ts';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';

// bigint columns come back as strings (ids are compared as text); counts are cast in SQL.
export interface OpenOptions {
  /** postgres://… ; when absent the embedded database in `dataDir` is used. */
  url?: string;
  /** Where the embedded database lives (`<dataDir>/pgdata`). */
  dataDir?: string;
  /** Use `memory://` PGlite (tests). */
  memory?: boolean;
  /** A schema to create and use (tests isolate themselves this way on a shared server). */
  schema?: string;
  /** Pool size for a server database. */
  poolSize?: number;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(opts: OpenOptions): Promise<OpenDatabase> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) throw new Error(`Invalid schema name ${opts.schema}`);
  if (opts.url) return openPostgres(opts.url, opts);
  return openPglite(opts);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<OpenDatabase> {
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client losing its server must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPglite(opts: OpenOptions): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const release = opts.memory ? () => {} : lockDataDir(opts.dataDir ?? './.data');
  let pglite: InstanceType<typeof PGlite>;
  try {
    pglite = await PGlite.create(opts.memory ? 'memory://' : join(opts.dataDir ?? './.data', 'pgdata'));
  } catch (err) {
    release();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    await db.destroy();
    await pglite.close();
    release();
  };
  try {
    if (opts.schema) await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}; SET search_path TO ${opts.schema}`).execute(db);
    await migrate(db);
  } catch (err) {
    await close();
    throw err;
  }
  return { db, kind: 'pglite', close };
}

/** True when the database answers. */
export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
