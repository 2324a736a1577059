/** The AI answer cache in the `ai_cache` table, shared by every instance of the service. */
import type { Kysely } from 'kysely';
import type { AiCache } from '../ai/cache.ts';
import type { Database } from './schema.ts';

export function databaseAiCache(db: Kysely<Database>): AiCache {
  return {
    async get(key) {
      const row = await db.selectFrom('ai_cache').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    async set(key, value) {
      const json = JSON.stringify(value);
      await db
        .insertInto('ai_cache')
        .values({ key, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
  };
}
