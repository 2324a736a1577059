/** Everything the app needs from outside, passed in so tests build an app over their own database. */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.ts';
import type { ServiceKeys } from '../auth/keys.ts';
import type { ThrottlePolicy } from '../auth/throttle.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Integrations } from '../jobs/adapters.ts';

export interface ServiceConfig {
  version: string;
  /** Uploads and run directories live under here. */
  dataDir: string;
  /** Origins allowed to call the API cross-origin; the task pane is same-origin and needs none. */
  corsOrigins: string[];
  /** Built task pane to serve at `/` (dist/addin); absent: no static files. */
  staticDir?: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  throttle: ThrottlePolicy;
  maxJsonBytes: number;
  maxUploadBytes: number;
  /** Trust `X-Forwarded-For` for the client IP (behind a reverse proxy). */
  trustProxy: boolean;
}

export interface AppDeps {
  db: Kysely<Database>;
  config: ServiceConfig;
  keys: ServiceKeys;
  clock: () => Date;
  jobs: JobQueue;
  integrations: Integrations;
  logger: Logger;
}

export const DEFAULT_CONFIG: Omit<ServiceConfig, 'dataDir' | 'version'> = {
  corsOrigins: [],
  accessTtlSec: 15 * 60,
  refreshTtlSec: 7 * 24 * 3600,
  throttle: { maxFailures: 5, windowSec: 15 * 60, lockSec: 15 * 60 },
  maxJsonBytes: 5 * 1024 * 1024,
  maxUploadBytes: 10 * 1024 * 1024,
  trustProxy: false,
};
