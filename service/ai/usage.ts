/** Tokens and estimated cost of every call made for one job (a draft, an analysis, a run). */
import { estimateCost } from './models.ts';
import type { TokenUsage } from './provider.ts';

export interface CallRecord {
  purpose: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  cachedInputTokens: number;
  costUsd: number;
  /** False when the model is not in the price table (cost shown as 0). */
  priced: boolean;
}

export interface UsageSummary {
  calls: CallRecord[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export class UsageLedger {
  readonly #calls: CallRecord[] = [];

  record(purpose: string, model: string, usage: TokenUsage): void {
    const cost = estimateCost(model, usage);
    this.#calls.push({ purpose, model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: usage.cacheReadTokens ?? 0, costUsd: cost.usd, priced: cost.priced });
  }

  summary(): UsageSummary {
    const calls = [...this.#calls];
    const sum = (f: (c: CallRecord) => number) => calls.reduce((n, c) => n + f(c), 0);
    return {
      calls,
      inputTokens: sum((c) => c.inputTokens),
      outputTokens: sum((c) => c.outputTokens),
      costUsd: Math.round(sum((c) => c.costUsd) * 1e6) / 1e6,
    };
  }
}
