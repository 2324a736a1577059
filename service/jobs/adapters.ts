/**
 * The service's view of the engine, the workbook reader, the sender, the sandbox receiver and the AI.
 * Each is a narrow function type; `defaultIntegrations()` wires the real modules. A piece that is not
 * available reports so with `IntegrationUnavailableError` (HTTP 501), so the rest of the service works.
 */
import type { Taxonomy } from '../../taxonomy/model.ts';
import type { TaxonomyIssue } from '../../taxonomy/issues.ts';

export class IntegrationUnavailableError extends Error {
  constructor(readonly feature: string) {
    super(`${feature} is not available in this build of the service.`);
    this.name = 'IntegrationUnavailableError';
  }
}

/** The user has not configured what this needs (an AI key): HTTP 400 naming the setting. */
export class SettingRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingRequiredError';
  }
}

export interface GenerateProgressLike {
  fraction?: number;
  records?: number;
  phase?: string;
  [k: string]: unknown;
}

/** The subset of run.json the service stores. */
export interface RunManifestLike {
  counts?: { records?: number; users?: number; byType?: Record<string, number> };
  files: { path: string; date?: string; records?: number; bytes?: number }[];
  [k: string]: unknown;
}

export interface GenerateInput {
  taxonomy: Taxonomy;
  rules: unknown;
  params: { startDate: string; days: number; dau: number; seed: number; gzip?: boolean; workers?: number };
  outDir: string;
  signal: AbortSignal;
  onProgress: (p: GenerateProgressLike) => void;
}

export interface ResolvedDestination {
  kind: 'http' | 'logbus' | 'sandbox';
  url: string;
  appId: string;
  logbusPath?: string;
}

export interface SendInput {
  runDir: string;
  destination: ResolvedDestination;
  checkpointFile: string;
  signal: AbortSignal;
  onProgress: (p: { records?: number; fraction?: number; [k: string]: unknown }) => void;
}

export interface SandboxReceiver {
  url: string;
  /** Records accepted for these app ids, oldest first. */
  records(appIds: readonly string[], limit: number): Promise<{ appId: string; record: unknown }[]>;
  close(): Promise<void>;
}

export interface WorkbookInspection {
  taxonomy: Taxonomy;
  issues: TaxonomyIssue[];
  layout: string;
}

export interface AiKeys {
  provider: string | null;
  model: string | null;
  baseUrl: string | null;
  apiKey: string | null;
}

export interface Integrations {
  /** The engine's generateRun. */
  generate(input: GenerateInput): Promise<RunManifestLike>;
  /** Rules for a taxonomy: offline analyzer, or AI (cached) when asked and configured. */
  analyze(input: { taxonomy: Taxonomy; mode: 'offline' | 'ai'; ai: AiKeys; signal?: AbortSignal }): Promise<{ rules: unknown; source: string; warnings: string[]; usage?: unknown }>;
  send(input: SendInput): Promise<{ records?: number; [k: string]: unknown }>;
  /** The built-in receiver, started on first use. */
  sandbox(): Promise<SandboxReceiver>;
  /** Reads an .xlsx (already checked to be a zip) into a taxonomy; throws with a user-facing message. */
  inspectWorkbook(buf: Buffer): Promise<WorkbookInspection>;
  validateTaxonomy(t: Taxonomy): TaxonomyIssue[];
  renderWorkbook(t: Taxonomy, language: string): Promise<Buffer>;
  draft(input: { description: string; industry?: string; platforms?: string[]; language: string; existing?: Taxonomy; ai: AiKeys }): Promise<{ additions: unknown; taxonomy?: Taxonomy; usage?: unknown }>;
  suggestProperties(input: { taxonomy: Taxonomy; event: string; ai: AiKeys }): Promise<unknown>;
  /** Stops what the integrations started (the sandbox receiver). */
  close?(): Promise<void>;
}

const unavailable = (feature: string) => async (): Promise<never> => {
  throw new IntegrationUnavailableError(feature);
};

/** Every integration reporting itself unavailable; the base the real wiring and tests override. */
export function unavailableIntegrations(): Integrations {
  return {
    generate: unavailable('Data generation'),
    analyze: unavailable('Rules analysis'),
    send: unavailable('Sending'),
    sandbox: unavailable('The sandbox receiver'),
    inspectWorkbook: unavailable('Reading workbooks'),
    validateTaxonomy: () => [],
    renderWorkbook: unavailable('Writing workbooks'),
    draft: unavailable('AI drafting'),
    suggestProperties: unavailable('AI property suggestions'),
  };
}
