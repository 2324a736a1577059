/**
 * The planned events and sessions of a part-day, all its users' together, in typed arrays reused
 * part after part and day after day. Plans held in JS arrays lived through the day's planning and
 * emission, so they were copied by every scavenge, promoted, and left about 14 MB of garbage a day
 * in each worker's old generation for the major collections to mark and sweep.
 */
export class DayArena {
  /** Per planned event: local ms, event index, session index within its user's day. */
  times = new Float64Array(1 << 16);
  events = new Int32Array(1 << 16);
  session = new Int32Array(1 << 16);
  count = 0;
  /** Per session: start and end in local ms. */
  sessionStart = new Float64Array(1 << 13);
  sessionEnd = new Float64Array(1 << 13);
  sessions = 0;
  /** Encoded bytes kept for the part-day (each active user's record heads and presets; see emit.ts). */
  bytes: Buffer = Buffer.allocUnsafeSlow(1 << 16);
  byteCount = 0;

  /** Starts a new part-day: the previous one's plans must all have been written. */
  reset(): void {
    this.count = 0;
    this.sessions = 0;
    this.byteCount = 0;
  }

  /** Keeps a copy of `src[from, to)` for the part-day. */
  keep(src: Buffer, from: number, to: number): Uint8Array {
    const n = to - from;
    if (this.byteCount + n > this.bytes.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.byteCount + n));
      this.bytes.copy(next, 0, 0, this.byteCount);
      this.bytes = next;
    }
    const at = this.byteCount;
    src.copy(this.bytes, at, from, to);
    this.byteCount = at + n;
    // A view made once per user-day; `ByteWriter#raw` copies it with one native call per record.
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + at, n);
  }

  addEvent(localMs: number, event: number, session: number): void {
    if (this.count === this.times.length) {
      const n = this.count * 2;
      this.times = grown(this.times, new Float64Array(n));
      this.events = grown(this.events, new Int32Array(n));
      this.session = grown(this.session, new Int32Array(n));
    }
    const i = this.count++;
    this.times[i] = localMs;
    this.events[i] = event;
    this.session[i] = session;
  }

  addSession(startMs: number, endMs: number): void {
    if (this.sessions === this.sessionStart.length) {
      const n = this.sessions * 2;
      this.sessionStart = grown(this.sessionStart, new Float64Array(n));
      this.sessionEnd = grown(this.sessionEnd, new Float64Array(n));
    }
    const i = this.sessions++;
    this.sessionStart[i] = startMs;
    this.sessionEnd[i] = endMs;
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
