import { describe, expect, it } from 'vitest';
import { emptyTaxonomy } from '../../../taxonomy/model.ts';
import { GenerateAndSendRequestSchema, GenerateStartRequestSchema } from './runs.ts';

const params = { startDate: '2026-01-01', days: 3, dau: 100, seed: 7 };
const destination = { kind: 'sandbox' };
const UPLOAD = 'upl_0123456789ab';

describe.each([
  ['generate', GenerateStartRequestSchema, {}],
  ['generate-and-send', GenerateAndSendRequestSchema, { destination }],
] as const)('%s request', (_name, schema, extra) => {
  it('takes a taxonomy', () => {
    expect(schema.safeParse({ taxonomy: emptyTaxonomy(), params, ...extra }).success).toBe(true);
  });
  it('refuses neither or both sources, naming the rule', () => {
    const neither = schema.safeParse({ params, ...extra });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues.map((i) => i.message)).toContain('give exactly one of taxonomy or uploadId');
    const both = schema.safeParse({ taxonomy: emptyTaxonomy(), uploadId: UPLOAD, params, ...extra });
    expect(both.error?.issues.map((i) => i.message)).toEqual(['give exactly one of taxonomy or uploadId']);
    expect(schema.safeParse({ uploadId: UPLOAD, params, ...extra }).success).toBe(true);
  });
  it('refuses unknown fields', () => {
    expect(schema.safeParse({ taxonomy: emptyTaxonomy(), params, colour: 'red', ...extra }).success).toBe(false);
  });
});
