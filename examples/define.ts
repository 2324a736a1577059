/**
 * Small constructors that keep the example taxonomies readable: one line per event or property,
 * every default filled in by the taxonomy schema so the result is a complete `Taxonomy`.
 */
import {
  TaxonomySchema,
  type AllowedValues,
  type EventDef,
  type FunnelDef,
  type Product,
  type PropertyDef,
  type PropertyType,
  type Scalar,
  type Taxonomy,
  type UpdateMethod,
  type UserPropertyDef,
} from '../taxonomy/model.ts';

export const range = (min: number, max: number, decimals?: number): AllowedValues =>
  decimals === undefined ? { kind: 'range', min, max } : { kind: 'range', min, max, decimals };

export const list = (...values: Scalar[]): AllowedValues => ({ kind: 'list', values });

/** `weighted({ google: 50, apple: 30 })`, or pairs when values are not strings. */
export const weighted = (weights: Record<string, number> | [Scalar, number][]): AllowedValues => ({
  kind: 'weighted',
  values: (Array.isArray(weights) ? weights : Object.entries(weights)).map(([value, weight]) => ({ value, weight })),
});

export function prop(name: string, type: PropertyType, displayName: string, description: string, allowed?: AllowedValues): PropertyDef {
  return allowed ? { name, displayName, type, description, allowed } : { name, displayName, type, description };
}

export function userProp(
  name: string,
  type: PropertyType,
  update: UpdateMethod,
  displayName: string,
  description: string,
  allowed?: AllowedValues,
): UserPropertyDef {
  return { ...prop(name, type, displayName, description, allowed), update };
}

export function event(name: string, displayName: string, category: string, description: string, properties: string[] = []): EventDef {
  return { name, displayName, category, description, properties };
}

/** `conversions` are the targets of steps 2..n (the first step has none); null leaves one open. */
export function funnel(name: string, description: string, steps: string[], conversions: (number | null)[], windowHours: number): FunnelDef {
  return { name, description, steps, stepConversion: [null, ...conversions], windowHours };
}

export interface ExampleInput {
  product: Partial<Product> & Pick<Product, 'name' | 'language'>;
  events: EventDef[];
  eventProperties: PropertyDef[];
  commonProperties: PropertyDef[];
  userProperties: UserPropertyDef[];
  funnels: FunnelDef[];
}

export function defineExample(input: ExampleInput): Taxonomy {
  return TaxonomySchema.parse(input);
}
