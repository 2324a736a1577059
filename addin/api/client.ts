/**
 * The typed client of the service API, built on the service's own zod schemas: every response is
 * checked at this edge, and failures become `ApiError`s carrying the service's message.
 */
import { z } from 'zod';
import { TaxonomyAdditionsSchema, type Taxonomy } from '../../taxonomy/model.ts';
import { ErrorBodySchema } from '../../service/api/schemas/common.ts';
import { TokenResponseSchema, UserSchema, type TokenResponse } from '../../service/api/schemas/auth.ts';
import {
  RunDetailSchema, RunFilesSchema, RunListSchema, RunStartedSchema, RunSummarySchema,
  type Destination, type GenerateParamsInput, type RunSummary,
} from '../../service/api/schemas/runs.ts';
import { SettingsViewSchema, type SettingsUpdate } from '../../service/api/schemas/settings.ts';
import { ValidateResponseSchema } from '../../service/api/schemas/misc.ts';
import { InsightsViewSchema } from './insights.ts';
import { readSse } from './sse.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const DraftResultSchema = z.object({ additions: TaxonomyAdditionsSchema }).loose();
export const SuggestResultSchema = z
  .object({ additions: TaxonomyAdditionsSchema.optional(), properties: z.array(z.object({ name: z.string() }).loose()).optional() })
  .loose();

export interface ClientOptions {
  /** Origin of the service; empty for the pane's own origin (the service serves the pane). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface GenerateRequest {
  taxonomy: Taxonomy;
  params: GenerateParamsInput;
  destination: Destination;
  analysis?: 'offline' | 'ai';
}

export class ApiClient {
  private token: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  signOut(): void {
    this.token = null;
  }

  private async send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'The service cannot be reached. Check that it is running and that this pane was opened from it.');
    }
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => null);
      const parsed = ErrorBodySchema.safeParse(payload);
      if (response.status === 401) this.token = null;
      throw parsed.success
        ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
        : new ApiError(response.status, 'http', `The service answered ${response.status} ${response.statusText}.`);
    }
    return response;
  }

  private async json<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    const response = await this.send(method, path, body);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError(response.status, 'bad_response', `The service sent an unexpected answer to ${method} ${path}; is the pane older than the service?`);
    return parsed.data;
  }

  async login(username: string, password: string): Promise<TokenResponse> {
    const tokens = await this.json(TokenResponseSchema, 'POST', '/api/auth/login', { username, password });
    this.token = tokens.accessToken;
    return tokens;
  }

  me() {
    return this.json(UserSchema, 'GET', '/api/auth/me');
  }

  validate(taxonomy: Taxonomy) {
    return this.json(ValidateResponseSchema, 'POST', '/api/taxonomy/validate', { taxonomy });
  }

  draft(input: { description: string; language: 'en' | 'ko' | 'zh' | 'ja'; existing?: Taxonomy }) {
    return this.json(DraftResultSchema, 'POST', '/api/ai/draft', input);
  }

  suggestProperties(taxonomy: Taxonomy, event: string) {
    return this.json(SuggestResultSchema, 'POST', '/api/ai/suggest-properties', { taxonomy, event });
  }

  generateAndSend(request: GenerateRequest) {
    return this.json(RunStartedSchema, 'POST', '/api/generate-and-send', { analysis: 'offline', ...request });
  }

  /** Follows a run's progress until it ends; `onProgress` sees every state, the last one is returned. */
  async followRun(runId: string, onProgress: (run: RunSummary) => void, signal?: AbortSignal): Promise<RunSummary | null> {
    const response = await this.send('GET', `/api/generate/events/${encodeURIComponent(runId)}`, undefined, signal);
    if (!response.body) return null;
    let last: RunSummary | null = null;
    for await (const message of readSse(response.body)) {
      if (message.event !== 'progress') continue;
      const parsed = RunSummarySchema.safeParse(JSON.parse(message.data));
      if (parsed.success) {
        last = parsed.data;
        onProgress(parsed.data);
      }
    }
    return last;
  }

  cancelRun(runId: string) {
    return this.json(RunSummarySchema, 'POST', `/api/runs/${encodeURIComponent(runId)}/cancel`);
  }

  listRuns() {
    return this.json(RunListSchema, 'GET', '/api/runs/list?limit=50');
  }

  run(runId: string) {
    return this.json(RunDetailSchema, 'GET', `/api/runs/${encodeURIComponent(runId)}`);
  }

  runFiles(runId: string) {
    return this.json(RunFilesSchema, 'GET', `/api/runs/${encodeURIComponent(runId)}/files`);
  }

  /** The file's bytes as a Blob (downloads need the bearer token, so a plain link would not do). */
  async download(runId: string, path: string): Promise<Blob> {
    const response = await this.send('GET', `/api/runs/${encodeURIComponent(runId)}/download?path=${encodeURIComponent(path)}`);
    return response.blob();
  }

  async deleteRun(runId: string): Promise<void> {
    await this.send('DELETE', `/api/runs/${encodeURIComponent(runId)}`);
  }

  resend(runId: string, destination: Destination) {
    return this.json(RunStartedSchema, 'POST', `/api/send-data/${encodeURIComponent(runId)}`, { destination });
  }

  insights(runId: string) {
    return this.json(InsightsViewSchema, 'GET', `/api/runs/${encodeURIComponent(runId)}/insights`);
  }

  settings() {
    return this.json(SettingsViewSchema, 'GET', '/api/settings');
  }

  saveSettings(update: SettingsUpdate) {
    return this.json(SettingsViewSchema, 'POST', '/api/settings', update);
  }
}
