/**
 * Which provider to use, from explicit settings (the service, with a user's decrypted key) or from
 * the environment (the CLI). No configuration at all means "offline", which is not an error.
 */
import { z } from 'zod';
import type { AiProvider, ProviderKind } from './provider.ts';
import { createAnthropicProvider } from './providers/anthropic.ts';
import { createOpenAiProvider } from './providers/openai.ts';
import type { RetryPolicy } from './providers/retry.ts';

export const ProviderConfigSchema = z.object({
  provider: z.enum(['anthropic', 'openai']),
  apiKey: z.string().min(1),
  baseURL: z.url().optional(),
  /** Model for drafting and analysis; the provider's default when absent. */
  model: z.string().min(1).optional(),
  /** Model for cheap validation-style calls. */
  fastModel: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
});
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

export function createProvider(config: ProviderConfig, retry?: Partial<RetryPolicy>): AiProvider {
  const models = { ...(config.model ? { smart: config.model } : {}), ...(config.fastModel ? { fast: config.fastModel } : {}) };
  const common = { apiKey: config.apiKey, models, ...(config.baseURL ? { baseURL: config.baseURL } : {}), ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}), ...(retry ? { retry } : {}) };
  return config.provider === 'anthropic' ? createAnthropicProvider(common) : createOpenAiProvider(common);
}

/** Local servers need no key, but the SDKs insist on one. */
const PLACEHOLDER_KEY = 'local-no-key';

export class ProviderConfigError extends Error {
  override name = 'ProviderConfigError';
}

/**
 * Reads `DEMO_DATA_AI_PROVIDER`, `DEMO_DATA_AI_MODEL`, `DEMO_DATA_AI_FAST_MODEL`,
 * `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, `OPENAI_API_KEY`, `OPENAI_BASE_URL`.
 * Without an explicit provider, Anthropic wins when both are configured.
 */
export function providerConfigFromEnv(env: Record<string, string | undefined> = process.env): ProviderConfig | undefined {
  const explicit = env.DEMO_DATA_AI_PROVIDER?.trim().toLowerCase();
  if (explicit && explicit !== 'anthropic' && explicit !== 'openai') {
    throw new ProviderConfigError(`DEMO_DATA_AI_PROVIDER is '${explicit}'; use 'anthropic' or 'openai' (also for OpenAI-compatible servers).`);
  }
  const configured = (kind: ProviderKind) => {
    const prefix = kind === 'anthropic' ? 'ANTHROPIC' : 'OPENAI';
    return !!(env[`${prefix}_API_KEY`] || env[`${prefix}_BASE_URL`]);
  };
  const provider: ProviderKind | undefined =
    (explicit as ProviderKind | undefined) ?? (configured('anthropic') ? 'anthropic' : configured('openai') ? 'openai' : undefined);
  if (!provider) return undefined;
  const prefix = provider === 'anthropic' ? 'ANTHROPIC' : 'OPENAI';
  const apiKey = env[`${prefix}_API_KEY`] || (env[`${prefix}_BASE_URL`] ? PLACEHOLDER_KEY : undefined);
  if (!apiKey) {
    throw new ProviderConfigError(`DEMO_DATA_AI_PROVIDER is '${provider}' but ${prefix}_API_KEY is not set. Set it, or set ${prefix}_BASE_URL for a local server.`);
  }
  const raw = {
    provider,
    apiKey,
    baseURL: env[`${prefix}_BASE_URL`] || undefined,
    model: env.DEMO_DATA_AI_MODEL || undefined,
    fastModel: env.DEMO_DATA_AI_FAST_MODEL || undefined,
  };
  const parsed = ProviderConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderConfigError(`${prefix}_BASE_URL is not a valid URL (${raw.baseURL}). Use e.g. http://127.0.0.1:8787.`);
  }
  return parsed.data;
}
