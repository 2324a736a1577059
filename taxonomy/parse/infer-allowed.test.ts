import { describe, expect, it } from 'vitest';
import type { PropertyDef } from '../model.ts';
import { allowedFromDescription } from './infer-allowed.ts';

const prop = (type: PropertyDef['type'], description: string): PropertyDef => ({ name: 'p', displayName: '', type, description });

describe('allowed values from a ThinkingData description', () => {
  it('reads a bare range or a bare list of single words', () => {
    expect(allowedFromDescription(prop('number', '1~28'))).toEqual({ kind: 'range', min: 1, max: 28, decimals: 0 });
    expect(allowedFromDescription(prop('number', '0.5 ~ 2.25'))).toEqual({ kind: 'range', min: 0.5, max: 2.25, decimals: 2 });
    expect(allowedFromDescription(prop('string', 'guest, google, apple'))).toEqual({ kind: 'list', values: ['guest', 'google', 'apple'] });
    expect(allowedFromDescription(prop('list', '배송빨라요, 가성비'))).toEqual({ kind: 'list', values: ['배송빨라요', '가성비'] });
  });
  it('leaves anything looser alone', () => {
    for (const [type, text] of [
      ['string', '예: 1-1 ~ 10-10'],
      ['number', 'KRW'],
      ['number', '0~70 (%)'],
      ['number', '10~1'],
      ['string', 'icon'],
      ['string', '앱 실행 경로 (icon, push)'],
      ['string', 'a, a'],
      ['boolean', 'true, false'],
    ] as const) {
      expect(allowedFromDescription(prop(type, text))).toBeUndefined();
    }
  });
});
