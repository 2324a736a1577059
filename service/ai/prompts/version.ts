/**
 * Bumped whenever any prompt's wording or the data it sends changes: it is part of every cache key,
 * so old answers are not reused for a prompt that would now be answered differently.
 */
export const PROMPT_VERSION = 'ddp-2026-11-22.2';
