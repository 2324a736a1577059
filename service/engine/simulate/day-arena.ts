/**
 * The planned events and sessions of a shard's day, all users' together, in typed arrays reused
 * day after day. Plans held in JS arrays lived through the day's planning and emission, so they
 * were copied by every scavenge, promoted, and left about 14 MB of garbage a day in each worker's
 * old generation for the major collections to mark and sweep.
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

  /** Starts a new day: the previous day's plans must all have been written. */
  reset(): void {
    this.count = 0;
    this.sessions = 0;
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
