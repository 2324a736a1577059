import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { databaseAiCache } from './ai-cache.ts';
import { openDatabase, type OpenDatabase } from './open.ts';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `t_aicache_${process.pid}`;
let database: OpenDatabase;

beforeAll(async () => {
  database = await openDatabase({ url: URL, schema, poolSize: 2 });
});
afterAll(async () => {
  await database.close();
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
});

it('keeps answers by key, replaces on set, and misses unknown keys', async () => {
  const cache = databaseAiCache(database.db);
  expect(await cache.get('k1')).toBeUndefined();
  await cache.set('k1', { rules: [1, 2], note: 'ok' });
  expect(await cache.get('k1')).toEqual({ rules: [1, 2], note: 'ok' });
  await cache.set('k1', ['replaced']);
  expect(await cache.get('k1')).toEqual(['replaced']);
});

it('applies migrations once even when several instances open the schema together', async () => {
  const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: URL, schema, poolSize: 1 })));
  const r = await database.db.selectFrom('ai_cache').select('key').execute();
  expect(r.map((x) => x.key)).toEqual(['k1']);
  await Promise.all(opened.map((o) => o.close()));
});
