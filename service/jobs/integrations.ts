/**
 * The real modules behind the service's integration points. A piece whose module is not part of
 * this build stays `unavailable` (HTTP 501 with a clear message); wiring it is one line here.
 * Heavy modules (engine, AI SDKs, exceljs, receiver) load on first use, so the service starts fast.
 */
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { validateTaxonomy } from '../../taxonomy/index.ts';
import { TaxonomySchema, type Language } from '../../taxonomy/model.ts';
import type { AiProvider } from '../ai/index.ts';
import { databaseAiCache } from '../db/ai-cache.ts';
import type { Database } from '../db/schema.ts';
import type { Receiver } from '../te/receiver/index.ts';
import { SettingRequiredError, unavailableIntegrations, type AiKeys, type Integrations, type SandboxReceiver } from './adapters.ts';

/** The user's AI provider, or undefined when they configured none. */
export async function providerOf(ai: AiKeys): Promise<AiProvider | undefined> {
  if (!ai.provider) return undefined;
  const { createProvider } = await import('../ai/index.ts');
  const compatible = ai.provider === 'openai-compatible';
  if (!ai.apiKey && !compatible) return undefined;
  return createProvider({
    provider: ai.provider === 'anthropic' ? 'anthropic' : 'openai',
    // Local OpenAI-compatible servers need no key, but the SDK insists on one.
    apiKey: ai.apiKey ?? 'local-no-key',
    ...(ai.baseUrl ? { baseURL: ai.baseUrl } : {}),
    ...(ai.model ? { model: ai.model } : {}),
  });
}

async function requireProvider(ai: AiKeys): Promise<AiProvider> {
  const p = await providerOf(ai);
  if (!p) throw new SettingRequiredError('No AI provider is configured: set aiProvider and aiKey in your settings (POST /api/settings).');
  return p;
}

export function defaultIntegrations(opts: { db?: Kysely<Database> } = {}): Integrations {
  let sandbox: Promise<SandboxReceiver> | undefined;
  const cache = opts.db ? databaseAiCache(opts.db) : undefined;
  return {
    ...unavailableIntegrations(),
    generate: async (input) => {
      const { generateInWorker } = await import('./generate-in-worker.ts');
      return generateInWorker(input);
    },
    analyze: async ({ taxonomy, mode, ai, signal }) => {
      const { analyzeTaxonomy } = await import('../ai/index.ts');
      const provider = mode === 'ai' ? await providerOf(ai) : undefined;
      const r = await analyzeTaxonomy({ taxonomy, provider, cache, signal });
      const warnings = mode === 'ai' && !provider ? ['No AI provider is configured in your settings, so the offline analyzer made the rules.', ...r.warnings] : r.warnings;
      return { rules: r.rules, source: r.source, warnings, usage: r.usage };
    },
    draft: async ({ description, industry, platforms, language, existing, ai }) => {
      const { draftTaxonomy } = await import('../ai/index.ts');
      const r = await draftTaxonomy(
        { description, language: language as Language, ...(industry ? { industry } : {}), ...(platforms ? { platforms: platforms as never } : {}), ...(existing ? { existing } : {}) },
        { provider: await requireProvider(ai), cache },
      );
      return { additions: r.additions, dropped: r.dropped, usage: r.usage };
    },
    send: async ({ runDir, destination, checkpointFile, signal, onProgress }) => {
      const { sendRun } = await import('../te/send.ts');
      const d = destination;
      const report = await sendRun({
        runDir,
        // LogBus2 keeps one working directory per destination under the data directory (<dataDir>/runs/<id> → <dataDir>/logbus).
        destination: d.kind === 'logbus' ? { kind: 'logbus', url: d.url, appId: d.appId, logbusPath: d.logbusPath, workRoot: join(dirname(dirname(runDir)), 'logbus') } : { kind: d.kind, url: d.url, appId: d.appId },
        checkpointFile,
        signal,
        onProgress: (p) => onProgress({ ...p, records: p.recordsSent, fraction: p.recordsTotal > 0 ? p.recordsSent / p.recordsTotal : 0 }),
      });
      return { ...report, records: report.recordsSent };
    },
    suggestProperties: async ({ taxonomy, event, ai }) => {
      const { suggestProperties } = await import('../ai/index.ts');
      const t = TaxonomySchema.parse(taxonomy);
      return suggestProperties(t, event, t.product.language, { provider: await requireProvider(ai), cache });
    },
    inspectWorkbook: async (buf) => {
      const [{ parseWorkbook }, { readWorkbookBuffer }] = await Promise.all([import('../../taxonomy/index.ts'), import('../xlsx/read-workbook.ts')]);
      const { taxonomy, issues, layout } = parseWorkbook(await readWorkbookBuffer(buf));
      return { taxonomy, issues, layout };
    },
    validateTaxonomy,
    renderWorkbook: async (t, language) => {
      const [{ renderWorkbook }, { writeWorkbookBuffer }] = await Promise.all([import('../../taxonomy/index.ts'), import('../xlsx/write-workbook.ts')]);
      return writeWorkbookBuffer(renderWorkbook(t, language as Language), { language: language as Language });
    },
    sandbox: () => (sandbox ??= import('../te/receiver/index.ts').then(({ startReceiver }) => startReceiver({ host: '127.0.0.1', port: 0 })).then(sandboxOf)),
    close: async () => {
      await (await sandbox)?.close();
    },
  };
}

function sandboxOf(r: Receiver): SandboxReceiver {
  return {
    url: r.url,
    records: async (appIds, limit) => {
      const out: { appId: string; record: unknown }[] = [];
      for (const appId of appIds) {
        for (const record of r.store.records(appId)) {
          if (out.length >= limit) return out;
          out.push({ appId, record });
        }
      }
      return out;
    },
    close: () => r.close(),
  };
}
