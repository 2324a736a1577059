import { z } from 'zod';
import { TaxonomySchema } from '../../../taxonomy/model.ts';
import { PageQuerySchema, RunIdSchema, UploadIdSchema } from './common.ts';

export const RUN_STATUS_VALUES = ['created', 'queued', 'generating', 'generated', 'sending', 'sent', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUS_VALUES);
export type RunStatusName = z.infer<typeof RunStatusSchema>;
export const TERMINAL_STATUSES: readonly RunStatusName[] = ['generated', 'sent', 'failed', 'cancelled'];

export const GenerateParamsSchema = z.strictObject({
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd'),
  days: z.number().int().min(1).max(366),
  dau: z.number().int().min(1).max(5_000_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  gzip: z.boolean().optional(),
});
export type GenerateParamsInput = z.infer<typeof GenerateParamsSchema>;

/** Where a run is sent. The sandbox is the service's built-in TE-compatible receiver. */
export const DestinationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sandbox'), appId: z.string().min(1).max(128).optional() }),
  z.strictObject({
    kind: z.literal('http'),
    /** Receiver URL; defaults to the user's TE settings. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    appId: z.string().min(1).max(128).optional(),
  }),
  z.strictObject({ kind: z.literal('logbus'), url: z.url({ protocol: /^https?$/ }).optional(), appId: z.string().min(1).max(128).optional() }),
]);
export type Destination = z.infer<typeof DestinationSchema>;

/** What starts a generation: exactly one source, taxonomy JSON (the task pane) or an uploaded workbook. */
const generateFields = {
  taxonomy: TaxonomySchema.optional(),
  uploadId: UploadIdSchema.optional(),
  params: GenerateParamsSchema,
  /** Use AI analysis (cached) when the user has a key; otherwise the offline analyzer. */
  analysis: z.enum(['offline', 'ai']).default('offline'),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  deleteAfterSend: z.boolean().optional(),
};
const hasOneSource = (v: { taxonomy?: unknown; uploadId?: unknown }) => (v.taxonomy === undefined) !== (v.uploadId === undefined);
const oneSourceError = { message: 'give exactly one of taxonomy or uploadId', path: ['taxonomy'] };

export const GenerateStartRequestSchema = z.strictObject(generateFields).refine(hasOneSource, oneSourceError);
export type GenerateStartRequest = z.infer<typeof GenerateStartRequestSchema>;

export const GenerateAndSendRequestSchema = z.strictObject({ ...generateFields, destination: DestinationSchema }).refine(hasOneSource, oneSourceError);

export const SendRequestSchema = z.strictObject({ destination: DestinationSchema });

export const RunProgressSchema = z.object({
  phase: z.string().optional(),
  fraction: z.number().optional(),
  records: z.number().optional(),
  message: z.string().optional(),
});

export const RunSummarySchema = z.object({
  id: RunIdSchema,
  userId: z.string(),
  status: RunStatusSchema,
  params: z.record(z.string(), z.unknown()),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  retentionDays: z.number().nullable(),
  filesDeleted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunDetailSchema = RunSummarySchema.extend({
  manifest: z.unknown().nullable(),
  destination: z.unknown().nullable(),
});

export const RunListQuerySchema = PageQuerySchema.extend({ status: RunStatusSchema.optional() });
export const RunListSchema = z.object({ runs: z.array(RunSummarySchema), total: z.number().int() });

export const RunStartedSchema = z.object({ runId: RunIdSchema, status: RunStatusSchema });

export const RetentionRequestSchema = z.strictObject({
  /** Days to keep the files; null keeps them until deleted. */
  retentionDays: z.number().int().min(1).max(3650).nullable(),
  deleteAfterSend: z.boolean().optional(),
});

export const RunFileSchema = z.object({ path: z.string(), date: z.string().nullable(), records: z.number(), bytes: z.number() });
export const RunFilesSchema = z.object({ files: z.array(RunFileSchema) });
export const RunFileQuerySchema = z.strictObject({ path: z.string().min(1).max(200) });

export const RunParamsSchema = z.strictObject({ runId: RunIdSchema });
