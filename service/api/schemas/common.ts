/**
 * Request and response shapes shared by the service and the task pane's typed client.
 * Pure: only zod and the taxonomy model. Objects are strict: unknown fields are refused.
 */
import { z } from 'zod';

export const ErrorBodySchema = z.object({
  error: z.object({
    /** Stable machine code: `validation_failed`, `not_found`, `unauthorized` … */
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const RoleSchema = z.enum(['admin', 'user', 'viewer']);
export type RoleName = z.infer<typeof RoleSchema>;

/** Ids are decimal strings (bigint columns). */
export const IdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'expected a numeric id');
export const RunIdSchema = z.string().regex(/^run_[0-9a-z]{10,40}$/, 'expected a run id such as run_…');
export const UploadIdSchema = z.string().regex(/^upl_[0-9a-z]{10,40}$/, 'expected an upload id such as upl_…');

export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const OkSchema = z.object({ ok: z.literal(true) });
