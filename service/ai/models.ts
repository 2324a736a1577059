/**
 * Default models per provider and tier, and a small price table for cost estimates.
 * Prices are US dollars per million tokens; unknown models cost nothing in the estimate
 * (a local server, a self-hosted model) and say so through `priced: false`.
 */
import type { ProviderKind, Tier, TokenUsage } from './provider.ts';

export const DEFAULT_MODELS: Record<ProviderKind, Record<Tier, string>> = {
  anthropic: { smart: 'claude-sonnet-5-5', fast: 'claude-haiku-5-5' },
  openai: { smart: 'gpt-5.4', fast: 'gpt-5-mini' },
};

interface Price {
  input: number;
  output: number;
}

// Matched by prefix, longest first, so dated snapshots share their family's price.
const PRICES: [prefix: string, price: Price][] = [
  ['claude-opus', { input: 5, output: 25 }],
  ['claude-sonnet', { input: 3, output: 15 }],
  ['claude-haiku', { input: 1, output: 5 }],
  ['gpt-5-nano', { input: 0.05, output: 0.4 }],
  ['gpt-5-mini', { input: 0.25, output: 2 }],
  ['gpt-5.1-mini', { input: 0.25, output: 2 }],
  ['gpt-5', { input: 1.25, output: 10 }],
  ['gpt-4.1-nano', { input: 0.1, output: 0.4 }],
  ['gpt-4.1-mini', { input: 0.4, output: 1.6 }],
  ['gpt-4.1', { input: 2, output: 8 }],
  ['gpt-4o-mini', { input: 0.15, output: 0.6 }],
  ['gpt-4o', { input: 2.5, output: 10 }],
  ['gemini-2.5-flash', { input: 0.3, output: 2.5 }],
  ['gemini-2.5-pro', { input: 1.25, output: 10 }],
].sort((a, b) => (b[0] as string).length - (a[0] as string).length) as [string, Price][];

export interface CostEstimate {
  usd: number;
  priced: boolean;
}

export function estimateCost(model: string, usage: TokenUsage): CostEstimate {
  const bare = model.replace(/^models\//, '');
  const hit = PRICES.find(([prefix]) => bare.startsWith(prefix));
  if (!hit) return { usd: 0, priced: false };
  const [, price] = hit;
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  const plain = Math.max(0, usage.inputTokens - read - write);
  // Cache reads cost about a tenth of fresh input and writes a quarter more, for both providers' families here.
  const input = plain + read * 0.1 + write * 1.25;
  const usd = (input * price.input + usage.outputTokens * price.output) / 1_000_000;
  return { usd: Math.round(usd * 1e6) / 1e6, priced: true };
}
