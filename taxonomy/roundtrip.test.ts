import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomy as taxonomyArb } from '../testing/taxonomy-arbitrary.ts';
import { LANGUAGES } from './model.ts';
import { parseWorkbook } from './parse/workbook.ts';
import { renderWorkbook } from './render.ts';

describe('renderWorkbook → parseWorkbook', () => {
  for (const language of LANGUAGES) {
    it(`returns the same taxonomy for any valid taxonomy rendered in ${language}`, () => {
      fc.assert(
        fc.property(taxonomyArb, (t) => {
          const parsed = parseWorkbook(renderWorkbook(t, language));
          expect(parsed.taxonomy).toEqual(t);
          expect(parsed.layout).toBe('canonical');
        }),
        { numRuns: 60 },
      );
    });
  }
});
