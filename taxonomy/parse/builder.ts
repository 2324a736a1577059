/** The taxonomy under construction while sheets are read, with the bookkeeping importers need. */
import { emptyTaxonomy, type EventDef, type PropertyDef, type Taxonomy, type UserPropertyDef } from '../model.ts';
import type { CellRef } from '../source-map.ts';
import type { ParseContext } from './context.ts';

export type PropertySection = 'eventProperties' | 'commonProperties' | 'userProperties';

export class TaxonomyBuilder {
  readonly taxonomy: Taxonomy = emptyTaxonomy();
  // Indexes so a sheet of 100k rows parses in linear time.
  private readonly eventIndex = new Map<string, number>();
  private readonly sharedIndex = new Map<string, number>();
  private eventsIndexed = 0;

  constructor(private readonly ctx: ParseContext) {}

  /**
   * Adds a property definition and returns its index. With `shared`, a row repeating a name already
   * defined with the same type (ThinkingData's sheets repeat a property on every event) is merged into
   * the first one, filling its empty cells; a different type is kept as a second entry so validation
   * can report the conflict at that row.
   */
  addProperty(section: PropertySection, def: PropertyDef | UserPropertyDef, ref: CellRef, shared: boolean): number {
    const list = this.taxonomy[section] as (PropertyDef | UserPropertyDef)[];
    if (shared) {
      const existing = this.sharedIndex.get(`${section}\u0000${def.name}\u0000${def.type}`);
      if (existing !== undefined) {
        const first = list[existing]!;
        if (first.displayName === '') first.displayName = def.displayName;
        if (first.description === '') first.description = def.description;
        if (first.allowed === undefined && def.allowed !== undefined) first.allowed = def.allowed;
        return existing;
      }
    }
    list.push(def);
    const index = list.length - 1;
    const key = `${section}\u0000${def.name}\u0000${def.type}`;
    if (!this.sharedIndex.has(key)) this.sharedIndex.set(key, index);
    this.ctx.locate(`${section}[${index}]`, ref);
    return index;
  }

  /** The event with this exact name, created (at `ref`) when it does not exist yet. */
  eventNamed(name: string, ref: CellRef, init: Omit<EventDef, 'name' | 'properties'>): { event: EventDef; index: number } {
    const events = this.taxonomy.events;
    // Events may have been pushed directly (canonical sheets): index those first.
    for (; this.eventsIndexed < events.length; this.eventsIndexed++) {
      const e = events[this.eventsIndexed]!;
      if (!this.eventIndex.has(e.name)) this.eventIndex.set(e.name, this.eventsIndexed);
    }
    let index = this.eventIndex.get(name) ?? -1;
    if (index < 0) {
      events.push({ name, ...init, properties: [] });
      index = events.length - 1;
      this.eventIndex.set(name, index);
      this.eventsIndexed = events.length;
      this.ctx.locate(`events[${index}]`, ref);
    }
    return { event: events[index]!, index };
  }
}
