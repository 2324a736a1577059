/**
 * Per-user settings. Plain preferences are stored as JSON; the AI key and TE app id only as
 * AES-256-GCM envelopes bound to the user and field (so a ciphertext copied to another row fails).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ServiceKeys } from '../auth/keys.ts';
import { isEnvelope, mask, open, seal } from '../auth/secret-box.ts';
import type { SettingsUpdate, SettingsView } from '../api/schemas/settings.ts';
import type { AiKeys } from '../jobs/adapters.ts';

const SECRET_FIELDS = ['aiKey', 'teAppId'] as const;
type SecretField = (typeof SECRET_FIELDS)[number];
const PLAIN_FIELDS = ['aiProvider', 'aiModel', 'aiBaseUrl', 'teReceiverUrl', 'logbusPath', 'runRetentionDays', 'uploadRetentionDays', 'deleteAfterSend'] as const;

export interface UserSettings {
  view: SettingsView;
  aiKeys: AiKeys;
  teAppId: string | null;
  teReceiverUrl: string | null;
  logbusPath: string | null;
  runRetentionDays: number | null;
  uploadRetentionDays: number | null;
  deleteAfterSend: boolean;
}

const aad = (userId: string, field: SecretField) => `user:${userId}:${field}`;

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export async function loadUserSettings(db: Kysely<Database>, keys: ServiceKeys, userId: string): Promise<UserSettings> {
  const row = await db.selectFrom('user_settings').select(['settings', 'secrets']).where('user_id', '=', userId).executeTakeFirst();
  const s = row?.settings ?? {};
  const secrets: Record<SecretField, string | null> = { aiKey: null, teAppId: null };
  for (const f of SECRET_FIELDS) {
    const env = row?.secrets?.[f];
    if (!isEnvelope(env)) continue;
    try {
      secrets[f] = open(keys.settings, env, aad(userId, f));
    } catch {
      // Wrong key (DEMO_DATA_SECRET changed) or tampered: treat as unset rather than fail every request.
      secrets[f] = null;
    }
  }
  const provider = str(s.aiProvider) as SettingsView['aiProvider'];
  const view: SettingsView = {
    aiProvider: provider,
    aiModel: str(s.aiModel),
    aiBaseUrl: str(s.aiBaseUrl),
    aiKey: { set: secrets.aiKey !== null, masked: secrets.aiKey === null ? null : mask(secrets.aiKey) },
    teAppId: { set: secrets.teAppId !== null, masked: secrets.teAppId === null ? null : mask(secrets.teAppId) },
    teReceiverUrl: str(s.teReceiverUrl),
    logbusPath: str(s.logbusPath),
    runRetentionDays: num(s.runRetentionDays),
    uploadRetentionDays: num(s.uploadRetentionDays),
    deleteAfterSend: s.deleteAfterSend === true,
  };
  return {
    view,
    aiKeys: { provider, model: view.aiModel, baseUrl: view.aiBaseUrl, apiKey: secrets.aiKey },
    teAppId: secrets.teAppId,
    teReceiverUrl: view.teReceiverUrl,
    logbusPath: view.logbusPath,
    runRetentionDays: view.runRetentionDays,
    uploadRetentionDays: view.uploadRetentionDays,
    deleteAfterSend: view.deleteAfterSend,
  };
}

/** Applies an update (null clears a field, absent leaves it) and returns the names changed. */
export async function saveUserSettings(db: Kysely<Database>, keys: ServiceKeys, userId: string, update: SettingsUpdate): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('user_settings').select(['settings', 'secrets']).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    const settings: Record<string, unknown> = { ...(row?.settings ?? {}) };
    const secrets: Record<string, unknown> = { ...(row?.secrets ?? {}) };
    const changed: string[] = [];
    for (const f of PLAIN_FIELDS) {
      const v = update[f];
      if (v === undefined) continue;
      if (v === null) delete settings[f];
      else settings[f] = v;
      changed.push(f);
    }
    for (const f of SECRET_FIELDS) {
      const v = update[f];
      if (v === undefined) continue;
      if (v === null) delete secrets[f];
      else secrets[f] = seal(keys.settings, v, aad(userId, f));
      changed.push(f);
    }
    await trx
      .insertInto('user_settings')
      .values({ user_id: userId, settings: JSON.stringify(settings), secrets: JSON.stringify(secrets), updated_at: sql`now()` })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ settings: JSON.stringify(settings), secrets: JSON.stringify(secrets), updated_at: sql`now()` }))
      .execute();
    return changed;
  });
}
