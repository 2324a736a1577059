export * from './common.ts';
export * from './auth.ts';
export * from './runs.ts';
export * from './settings.ts';
export * from './misc.ts';
