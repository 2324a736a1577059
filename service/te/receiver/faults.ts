/**
 * Faults the receiver injects on demand, so senders can be tested against a misbehaving TE: each
 * fault applies to the next `count` data requests (control and health paths are never affected).
 */
import { z } from 'zod';

export const FaultSchema = z.discriminatedUnion('kind', [
  /** Answer HTTP 200 with this TE code and store nothing (-1 bad format, -2 unknown app id, -3 bad IP). */
  z.object({ kind: z.literal('code'), code: z.number().int(), count: z.number().int().positive().default(1) }),
  /** Answer with this HTTP status (a transport failure for TE clients) and store nothing. */
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599), count: z.number().int().positive().default(1) }),
  /** Wait before handling the request normally. */
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), count: z.number().int().positive().default(1) }),
  /**
   * Destroy the connection without an answer: `before` storing (the data is lost) or `after`
   * storing (the data arrived but the client never hears so).
   */
  z.object({ kind: z.literal('drop'), when: z.enum(['before', 'after']).default('before'), count: z.number().int().positive().default(1) }),
]);
export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.infer<typeof FaultSchema>;

export const FaultListSchema = z.union([FaultSchema, z.array(FaultSchema)]);

/** A single-use fault, as taken for one request. */
export type FaultAction = Fault extends infer F ? (F extends Fault ? Omit<F, 'count'> : never) : never;

export class FaultQueue {
  #queue: Fault[] = [];
  #injected = 0;

  /** Queues faults; they apply in order, each to its next `count` requests. */
  inject(faults: FaultInput | FaultInput[]): void {
    const parsed = FaultListSchema.parse(faults);
    for (const f of Array.isArray(parsed) ? parsed : [parsed]) this.#queue.push({ ...f });
  }

  clear(): void {
    this.#queue = [];
  }

  /** The fault for the request now arriving, if any. */
  take(): FaultAction | undefined {
    const head = this.#queue[0];
    if (!head) return undefined;
    head.count -= 1;
    if (head.count <= 0) this.#queue.shift();
    this.#injected += 1;
    const { count: _count, ...action } = head;
    return action as FaultAction;
  }

  pending(): Fault[] {
    return this.#queue.map((f) => ({ ...f }));
  }

  /** Faults applied so far. */
  get injected(): number {
    return this.#injected;
  }
}
