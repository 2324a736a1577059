/**
 * AI for Demo Data Studio: draft taxonomies from a description, and analyse a taxonomy once into
 * the engine's rules. Provider-agnostic (Anthropic, OpenAI, any OpenAI-compatible server); every
 * answer is validated before use; answers are cached by what shaped them.
 */
export { analyzeTaxonomy, rulesProblems, type AnalyzeOptions, type AnalyzeResult, type RulesSource } from './analyze.ts';
export { draftTaxonomy, type DraftOptions, type DraftRequest, type DraftResult } from './draft/draft.ts';
export { fillDescriptions, suggestAllowedValues, suggestProperties, UnknownNameError, type AssistOptions } from './draft/assist.ts';
export { checkAdditions, type DroppedItem } from './draft/check.ts';
export { AnswerRejectedError } from './ask.ts';
export { cacheKey, memoryCache, noCache, type AiCache, type CacheKeyParts } from './cache.ts';
export { diskCache } from './disk-cache.ts';
export { createProvider, providerConfigFromEnv, ProviderConfigError, ProviderConfigSchema, type ProviderConfig } from './config.ts';
export { AiError, type AiErrorCode, type AiProvider, type CompleteRequest, type CompleteResult, type ProviderKind, type Tier, type TokenUsage } from './provider.ts';
export { DEFAULT_MODELS, estimateCost } from './models.ts';
export { PROMPT_VERSION } from './prompts/version.ts';
export type { CallRecord, UsageSummary } from './usage.ts';
