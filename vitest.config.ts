import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{taxonomy,service,addin,testing,scripts,examples,bench}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './testing/summary-reporter.ts'],
  },
});
