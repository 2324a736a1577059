/**
 * fast-check arbitraries for taxonomies, shared by property tests. "Valid" here means what a
 * workbook can hold: names are non-empty, cell texts carry no surrounding whitespace (cells are
 * trimmed on read), and every number is finite.
 */
import fc from 'fast-check';
import {
  LANGUAGES, PLATFORMS, PROPERTY_TYPES, UPDATE_METHODS,
  type AllowedValues, type EventDef, type FunnelDef, type Product, type PropertyDef, type Scalar, type Taxonomy, type UserPropertyDef,
} from '../taxonomy/model.ts';

const noNegativeZero = (n: number) => (Object.is(n, -0) ? 0 : n);
export const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);

export const teName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
export const propertyName = fc.oneof({ weight: 4, arbitrary: teName }, { weight: 1, arbitrary: fc.tuple(teName, teName).map(([a, b]) => `${a}.${b}`) });
/** Free text as a user types it into a cell: anything, without surrounding whitespace. */
export const cellString = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', ',', '"', ':', '.', '-', '%', '\n', '이', '事', 'ー', '1', '#'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }).map((s) => s.trim());

export const scalar: fc.Arbitrary<Scalar> = fc.oneof(fc.string(), finiteNumber, fc.boolean());

export const allowedValues: fc.Arbitrary<AllowedValues> = fc.oneof(
  fc.record({ kind: fc.constant('range' as const), min: finiteNumber, max: finiteNumber, decimals: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }).map((r) => {
    const { decimals, ...rest } = r;
    return decimals === undefined ? rest : { ...rest, decimals };
  }),
  fc.record({ kind: fc.constant('list' as const), values: fc.array(scalar, { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('weighted' as const), values: fc.array(fc.record({ value: scalar, weight: finiteNumber }), { minLength: 1, maxLength: 5 }) }),
);

const propertyFields = {
  name: propertyName,
  displayName: cellString,
  type: fc.constantFrom(...PROPERTY_TYPES),
  description: cellString,
};
function withAllowed<T extends object>(base: T, allowed: AllowedValues | undefined): T & { allowed?: AllowedValues } {
  return allowed === undefined ? base : { ...base, allowed };
}
export const propertyDef: fc.Arbitrary<PropertyDef> = fc
  .tuple(fc.record(propertyFields), fc.option(allowedValues, { nil: undefined }))
  .map(([p, a]) => withAllowed(p, a));
export const userPropertyDef: fc.Arbitrary<UserPropertyDef> = fc
  .tuple(fc.record({ ...propertyFields, update: fc.constantFrom(...UPDATE_METHODS) }), fc.option(allowedValues, { nil: undefined }))
  .map(([p, a]) => withAllowed(p, a));

export const eventDef: fc.Arbitrary<EventDef> = fc.record({
  name: teName,
  displayName: cellString,
  category: cellString,
  description: cellString,
  properties: fc.array(propertyName, { maxLength: 5 }),
});

export const funnelDef: fc.Arbitrary<FunnelDef> = fc.record({
  name: cellString.filter((s) => s !== ''),
  description: cellString,
  steps: fc.array(teName, { minLength: 1, maxLength: 5 }),
  stepConversion: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero), { nil: null }), { maxLength: 5 }),
  windowHours: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
});

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const rate = fc.option(fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero), { nil: undefined });

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const product: fc.Arbitrary<Product> = fc
  .record({
    name: cellString,
    industry: cellString,
    platforms: fc.uniqueArray(fc.constantFrom(...PLATFORMS)),
    description: cellString,
    countries: fc.array(
      fc.record({
        country: fc.stringMatching(/^[A-Z]{2}$/),
        timeZone: fc.constantFrom('', 'Asia/Seoul', 'America/New_York', 'America/Argentina/Buenos_Aires', 'UTC'),
        share: fc.double({ min: 0, max: 1e6, noNaN: true }).map(noNegativeZero),
      }),
      { maxLength: 4 },
    ),
    startDate: fc.oneof(fc.constant(''), isoDate),
    days: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    targetDau: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
    seed: fc.option(fc.integer(), { nil: undefined }),
    targets: fc.record({ d1: rate, d7: rate, d30: rate, payerRate: rate, dauMau: rate }).map(dropUndefined),
    scenario: cellString,
    language: fc.constantFrom(...LANGUAGES),
  })
  .map(dropUndefined);

export const taxonomy: fc.Arbitrary<Taxonomy> = fc.record({
  product,
  events: fc.array(eventDef, { maxLength: 6 }),
  eventProperties: fc.array(propertyDef, { maxLength: 6 }),
  commonProperties: fc.array(propertyDef, { maxLength: 4 }),
  userProperties: fc.array(userPropertyDef, { maxLength: 4 }),
  funnels: fc.array(funnelDef, { maxLength: 3 }),
});
