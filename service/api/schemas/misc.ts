import { z } from 'zod';
import { LanguageSchema, PlatformSchema, TaxonomySchema } from '../../../taxonomy/model.ts';
import { IdSchema, PageQuerySchema, UploadIdSchema } from './common.ts';

export const AuditQuerySchema = PageQuerySchema.extend({
  userId: IdSchema.optional(),
  action: z.string().regex(/^[a-z_.]{1,64}$/, 'expected an action such as run.create').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
});
export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema), total: z.number().int() });

export const UploadSchema = z.object({ id: UploadIdSchema, fileName: z.string(), bytes: z.number(), createdAt: z.string() });
export const UploadResultSchema = UploadSchema.extend({
  layout: z.string(),
  issues: z.array(z.unknown()),
  events: z.number().int(),
});
export const UploadListSchema = z.object({ uploads: z.array(UploadSchema) });

export const ValidateRequestSchema = z.strictObject({ taxonomy: z.unknown() });
export const ValidateResponseSchema = z.object({ valid: z.boolean(), issues: z.array(z.unknown()) });

export const DraftRequestSchema = z.strictObject({
  description: z.string().min(3).max(8000),
  industry: z.string().max(64).optional(),
  platforms: z.array(PlatformSchema).max(5).optional(),
  language: LanguageSchema.default('en'),
  existing: TaxonomySchema.optional(),
});

export const SuggestPropertiesRequestSchema = z.strictObject({
  taxonomy: TaxonomySchema,
  event: z.string().min(1).max(128),
});

export const AnalyzeRequestSchema = z.strictObject({ taxonomy: TaxonomySchema });

export const SandboxQuerySchema = z.strictObject({
  runId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.boolean(), version: z.string() });
