/**
 * Applies `migrations/NNNN_name.sql` in order, each once, recorded in `schema_migrations`.
 * Several instances starting together serialise on an advisory lock held on one connection, so
 * exactly one applies a migration and the others see it recorded.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<{ name: string; path: string }[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}_[\w-]+\.sql$/.test(n)).sort();
  return names.map((name) => ({ name, path: join(dir, name) }));
}

/** Returns the names applied by this call (empty when the schema was already current). */
export async function migrate(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await listMigrations(dir);
  return db.connection().execute(async (conn) => {
    // The key includes the schema so test schemas migrate in parallel.
    await sql`SELECT pg_advisory_lock(hashtext('demo-data-migrations:' || current_schema()))`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Set((await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(conn)).rows.map((r) => r.name));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        const text = await readFile(m.path, 'utf8');
        await sql`BEGIN`.execute(conn);
        try {
          await sql.raw(text).execute(conn);
          await sql`INSERT INTO schema_migrations (name) VALUES (${m.name})`.execute(conn);
          await sql`COMMIT`.execute(conn);
        } catch (err) {
          await sql`ROLLBACK`.execute(conn);
          throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext('demo-data-migrations:' || current_schema()))`.execute(conn);
    }
  });
}
