/** Database rows to API shapes (dates as ISO text, snake_case to camelCase, nothing secret). */
import type { RunRow, UserRow } from '../db/schema.ts';
import type { RunSummary } from './schemas/runs.ts';
import type { User } from './schemas/auth.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export function userView(u: UserRow): User {
  return { id: String(u.id), username: u.username, role: u.role, disabled: u.disabled, createdAt: iso(u.created_at) };
}

export function runSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    userId: String(r.user_id),
    status: r.status,
    params: r.params,
    progress: r.progress,
    error: r.error,
    retentionDays: r.retention_days,
    filesDeleted: r.files_deleted,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
  };
}

export function runDetail(r: RunRow) {
  return { ...runSummary(r), manifest: r.manifest, destination: r.destination };
}
