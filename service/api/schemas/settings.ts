import { z } from 'zod';

export const AI_PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;

/** What a user may change. A secret set to null is removed; omitted fields are left as they are. */
export const SettingsUpdateSchema = z.strictObject({
  aiProvider: z.enum(AI_PROVIDERS).nullable().optional(),
  aiModel: z.string().min(1).max(128).nullable().optional(),
  aiBaseUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
  aiKey: z.string().min(8).max(512).nullable().optional(),
  teAppId: z.string().min(1).max(128).nullable().optional(),
  teReceiverUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
  logbusPath: z.string().min(1).max(1024).refine((p) => p.startsWith('/'), 'use an absolute path').nullable().optional(),
  runRetentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  uploadRetentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  deleteAfterSend: z.boolean().optional(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

/** What the service returns: secrets only as a masked suffix. */
export const SettingsViewSchema = z.object({
  aiProvider: z.enum(AI_PROVIDERS).nullable(),
  aiModel: z.string().nullable(),
  aiBaseUrl: z.string().nullable(),
  aiKey: z.object({ set: z.boolean(), masked: z.string().nullable() }),
  teAppId: z.object({ set: z.boolean(), masked: z.string().nullable() }),
  teReceiverUrl: z.string().nullable(),
  logbusPath: z.string().nullable(),
  runRetentionDays: z.number().nullable(),
  uploadRetentionDays: z.number().nullable(),
  deleteAfterSend: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
