/**
 * The validator's fast path for records whose shape repeats, as generated data does: the same record
 * type with the same property names, in the same order, holding values of the same classes.
 *
 * Everything the full check concludes from names and classes alone (name rules, case collisions,
 * value kinds per record type, the type lock) gives the same answer for every record of one shape,
 * so once a record of a shape passed the full check cleanly against an app id's lock table, a later
 * record of that shape only needs its values checked (number range, text and list lengths). Locks
 * are only ever added to a table, never changed, so a shape verified against a table stays verified
 * until the table is replaced by a reset.
 *
 * The fast path never reports an issue itself: anything unusual (objects, nulls, a value over a
 * limit, an unseen shape) sends the record to the full check, which stays the single source of
 * issues.
 */
import { LIMITS, isTeTime, utf8Length } from './format.ts';

/** Value classes that decide the full check's outcome for a name: lock type, kind, and whether it locks. */
const NUMBER = 0;
const STRING = 1;
const TIME = 2;
const BOOLEAN = 3;
const LIST = 4;
/** An empty list locks nothing, unlike a list with items, so it is a shape of its own. */
const EMPTY_LIST = 5;
const CLASSES = 6;

/** One step of a shape: the names and classes seen so far. */
export interface ShapeNode {
  /**
   * The first name seen after this step and its slots: nearly every step has only one, and comparing
   * a name JSON.parse interned is cheaper than a map lookup.
   */
  firstName: string | undefined;
  firstSlots: (ShapeNode | undefined)[] | undefined;
  readonly next: Map<string, (ShapeNode | undefined)[]>;
  /** Lock tables (or the no-lock marker) a clean record of exactly this shape was checked against. */
  verified: object[];
}

function node(): ShapeNode {
  return { firstName: undefined, firstSlots: undefined, next: new Map(), verified: [] };
}

/** Bounds memory when names are random (every record a new shape): past it, only the full check runs. */
const MAX_NODES = 100_000;
/** Lock tables remembered per shape; more app ids than this just start over. */
const MAX_VERIFIED = 16;

/** The class of a value the fast path can vouch for, or -1 when only the full check may judge it. */
function classOf(key: string, value: unknown): number {
  switch (typeof value) {
    case 'number':
      if (!(value <= LIMITS.maxNumber && value >= -LIMITS.maxNumber)) return -1; // also NaN
      if (key === '#zone_offset' && (value < -12 || value > 14)) return -1;
      return NUMBER;
    case 'string':
      if (value.length * 3 > LIMITS.maxTextBytes && utf8Length(value) > LIMITS.maxTextBytes) return -1;
      return isTeTime(value) ? TIME : STRING;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      return Array.isArray(value) ? listClass(value) : -1;
    default:
      return -1;
  }
}

function listClass(list: unknown[]): number {
  if (list.length === 0) return EMPTY_LIST;
  if (list.length > LIMITS.maxListItems) return -1;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') return -1; // object groups and bad items alike
    if (item.length * 3 > LIMITS.maxListItemBytes && utf8Length(item) > LIMITS.maxListItemBytes) return -1;
  }
  return LIST;
}

export class ShapeCache {
  readonly #roots = new Map<string, ShapeNode>();
  #nodes = 0;

  /**
   * The shape of `props` on a record of `type` when every value is one the fast path can vouch
   * for; undefined sends the record to the full check.
   */
  find(type: string, props: Record<string, unknown>): ShapeNode | undefined {
    let at: ShapeNode | undefined = this.#roots.get(type);
    if (at === undefined) {
      if (this.#nodes >= MAX_NODES) return undefined;
      at = node();
      this.#roots.set(type, at);
      this.#nodes++;
    }
    for (const key in props) {
      const cls = classOf(key, props[key]);
      if (cls < 0) return undefined;
      let slots: (ShapeNode | undefined)[] | undefined = key === at.firstName ? at.firstSlots : at.next.get(key);
      if (slots === undefined) {
        slots = new Array<ShapeNode | undefined>(CLASSES).fill(undefined);
        if (at.firstName === undefined) {
          at.firstName = key;
          at.firstSlots = slots;
        } else at.next.set(key, slots);
      }
      let child: ShapeNode | undefined = slots[cls];
      if (child === undefined) {
        if (this.#nodes >= MAX_NODES) return undefined;
        slots[cls] = child = node();
        this.#nodes++;
      }
      at = child;
    }
    return at;
  }

  static isVerified(shape: ShapeNode, table: object): boolean {
    return shape.verified.includes(table);
  }

  static verify(shape: ShapeNode, table: object): void {
    if (shape.verified.length >= MAX_VERIFIED) shape.verified = [];
    shape.verified.push(table);
  }
}
