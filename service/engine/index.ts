/** The simulation engine's public face: the service, the CLI and the benchmark call only this. */
export { generateRun, GenerateError, GenerateParamsSchema, type GenerateOptions, type GenerateParams, type GenerateProgress } from './run/generate-run.ts';
export type { RunManifest, RunFile } from './run/manifest.ts';
export { RulesSchema, rulesJsonSchema, type Rules, type RulesInput } from './rules/schema.ts';
