/**
 * The database's tables as Kysely types, mirroring `migrations/*.sql`. A column typed here but
 * missing there (or the other way round) fails the route tests, which run on the real schema.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'admin' | 'user' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'user', 'viewer'];

export const RUN_STATUSES = ['created', 'queued', 'generating', 'generated', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type JobKind = 'generate' | 'send';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** jsonb: written as a JSON string (pg would otherwise send arrays as Postgres arrays), read parsed. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;
type Int8Id = ColumnType<string, never, string>;

export interface UsersTable {
  id: Int8Id;
  username: string;
  password_hash: string;
  role: Role;
  disabled: Generated<boolean>;
  token_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserSettingsTable {
  user_id: Int8;
  settings: JsonDefault<Record<string, unknown>>;
  secrets: JsonDefault<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface UploadsTable {
  id: string;
  user_id: Int8;
  file_name: string;
  stored_path: string;
  bytes: Int8;
  sha256: string;
  created_at: Timestamp;
}

export interface RunsTable {
  id: string;
  user_id: Int8;
  status: RunStatus;
  taxonomy: Json<unknown>;
  rules: ColumnType<unknown | null, string | null | undefined, string | null>;
  params: Json<Record<string, unknown>>;
  destination: ColumnType<unknown | null, string | null | undefined, string | null>;
  progress: JsonDefault<Record<string, unknown>>;
  error: string | null;
  manifest: ColumnType<unknown | null, string | null | undefined, string | null>;
  retention_days: number | null;
  delete_after_send: Generated<boolean>;
  files_deleted: Generated<boolean>;
  cancel_requested: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RunFilesTable {
  run_id: string;
  path: string;
  date: string | null;
  records: Int8;
  bytes: Int8;
}

export interface AuditLogsTable {
  id: Int8Id;
  at: Timestamp;
  user_id: ColumnType<string | null, number | string | null | undefined, never>;
  username: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  user_agent: string | null;
  details: JsonDefault<Record<string, unknown>>;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  first_at: Timestamp;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AiCacheTable {
  key: string;
  value: Json<unknown>;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Int8Id;
  run_id: string;
  kind: JobKind;
  state: JobState;
  payload: JsonDefault<Record<string, unknown>>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  lease_owner: string | null;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  user_settings: UserSettingsTable;
  uploads: UploadsTable;
  runs: RunsTable;
  run_files: RunFilesTable;
  audit_logs: AuditLogsTable;
  login_failures: LoginFailuresTable;
  ai_cache: AiCacheTable;
  jobs: JobsTable;
}

export type UserRow = Selectable<UsersTable>;
export type RunRow = Selectable<RunsTable>;
export type NewRun = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
export type JobRow = Selectable<JobsTable>;
