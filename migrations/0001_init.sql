-- Users, their settings, runs and their files, uploads, the audit trail, the AI cache and the job queue.
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
  disabled      boolean NOT NULL DEFAULT false,
  -- Bumped on password change or disable so refresh tokens issued before stop working.
  token_version integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_settings (
  user_id    bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  -- Non-secret settings as JSON; secrets (AI key, TE app id) only as AES-256-GCM envelopes.
  settings   jsonb NOT NULL DEFAULT '{}'::jsonb,
  secrets    jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE uploads (
  id           text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name    text NOT NULL,
  stored_path  text NOT NULL,
  bytes        bigint NOT NULL,
  sha256       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_user_idx ON uploads (user_id, created_at);

CREATE TABLE runs (
  id             text PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status         text NOT NULL CHECK (status IN ('created', 'queued', 'generating', 'generated', 'sending', 'sent', 'failed', 'cancelled')),
  taxonomy       jsonb NOT NULL,
  rules          jsonb,
  params         jsonb NOT NULL,
  destination    jsonb,
  progress       jsonb NOT NULL DEFAULT '{}'::jsonb,
  error          text,
  manifest       jsonb,
  retention_days integer,
  delete_after_send boolean NOT NULL DEFAULT false,
  files_deleted  boolean NOT NULL DEFAULT false,
  cancel_requested boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
CREATE INDEX runs_user_idx ON runs (user_id, created_at DESC);

CREATE TABLE run_files (
  run_id  text NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  path    text NOT NULL,
  date    text,
  records bigint NOT NULL DEFAULT 0,
  bytes   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, path)
);

CREATE TABLE audit_logs (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  user_id    bigint,
  username   text,
  action     text NOT NULL,
  target     text,
  outcome    text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip         text,
  user_agent text,
  details    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_at_idx ON audit_logs (at DESC);
CREATE INDEX audit_logs_user_idx ON audit_logs (user_id, at DESC);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, at DESC);

CREATE TABLE login_failures (
  key        text PRIMARY KEY,
  failures   integer NOT NULL,
  first_at   timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE ai_cache (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per unit of background work. A worker takes a job with FOR UPDATE SKIP LOCKED, then holds
-- it by a lease it renews (heartbeat); a job whose lease ran out belongs to whoever takes it next.
CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  run_id        text NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('generate', 'send')),
  state         text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 3,
  lease_owner   text,
  lease_until   timestamptz,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_pending_idx ON jobs (state, lease_until) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_run_idx ON jobs (run_id);
