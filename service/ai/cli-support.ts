/** What the `draft` and `analyze` commands share: provider from the environment, cache folder, output. */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createProvider, ProviderConfigError, providerConfigFromEnv, type ProviderConfig } from './config.ts';
import type { AiProvider } from './provider.ts';
import type { UsageSummary } from './usage.ts';

export interface EnvProvider {
  provider: AiProvider;
  config: ProviderConfig;
}

/** The provider the environment configures, or undefined; bad configuration is a usage error. */
export function providerFromEnv(env: Record<string, string | undefined> = process.env): EnvProvider | undefined | Error {
  try {
    const config = providerConfigFromEnv(env);
    return config ? { provider: createProvider(config), config } : undefined;
  } catch (err) {
    if (err instanceof ProviderConfigError) return err;
    throw err;
  }
}

export function describeProvider(p: EnvProvider): string {
  return `${p.config.provider} ${p.provider.model('smart')}${p.config.baseURL ? ` at ${p.config.baseURL}` : ''}`;
}

/** `DEMO_DATA_CACHE_DIR`, else the user's cache folder. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.DEMO_DATA_CACHE_DIR) return join(env.DEMO_DATA_CACHE_DIR, 'ai');
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'demo-data', 'ai');
}

export function formatUsage(u: UsageSummary): string {
  if (u.calls.length === 0) return 'AI usage: no calls.';
  const priced = u.calls.every((c) => c.priced);
  const cost = priced ? `~$${u.costUsd.toFixed(4)}` : `~$${u.costUsd.toFixed(4)} (some models not in the price table)`;
  return `AI usage: ${u.calls.length} call(s), ${u.inputTokens} input + ${u.outputTokens} output tokens, ${cost}.`;
}

/** Writes next to the target and renames, so a failure never leaves a half-written file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
