/**
 * Records are written as bytes into one reused buffer: per-user and per-event fragments are
 * pre-encoded once and copied, numbers and times are written digit by digit. `JSON.stringify`
 * never runs on the hot path (DESIGN §9: it alone caps a core near 180k records/s).
 */
import { civilFromDays } from '../time/civil.ts';

const DATE_SLOTS = 64;
/** Two hex digits per byte value, so a UUID takes 16 lookups, not 32. */
const HEX_PAIRS = Uint8Array.from(Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0')).join(''), (c) => c.charCodeAt(0));
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A finished run of records of one part-day (see roster.ts): bytes plus each record's end offset. */
export interface RecordChunk {
  day: number;
  part: number;
  bytes: Uint8Array;
  ends: Uint32Array;
}

const ymd = new Int32Array(3);

/**
 * `yyyy-MM-dd ` of a day count since 1970-01-01 into `out`, by arithmetic: records alternate
 * between the event's date and the install date, so a one-date cache alone would fall back to
 * `Date` on almost every record.
 */
export function civilDate(days: number, out: Uint8Array, at = 0): void {
  civilFromDays(days, ymd);
  const y = ymd[0]!;
  const m = ymd[1]!;
  const d = ymd[2]!;
  out[at] = 48 + Math.floor(y / 1000) % 10;
  out[at + 1] = 48 + Math.floor(y / 100) % 10;
  out[at + 2] = 48 + Math.floor(y / 10) % 10;
  out[at + 3] = 48 + y % 10;
  out[at + 4] = 0x2d;
  out[at + 5] = 48 + Math.floor(m / 10);
  out[at + 6] = 48 + m % 10;
  out[at + 7] = 0x2d;
  out[at + 8] = 48 + Math.floor(d / 10);
  out[at + 9] = 48 + d % 10;
  out[at + 10] = 0x20;
}

/** UTF-8 bytes as a plain Uint8Array (not a Buffer), so every fragment has the same shape. */
export function encode(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Four hex digits of a 16-bit value. */
function hex4(buf: Buffer, p: number, v: number): void {
  const hi = (v >>> 7) & 0x1fe;
  const lo = (v & 0xff) << 1;
  buf[p] = HEX_PAIRS[hi]!;
  buf[p + 1] = HEX_PAIRS[hi + 1]!;
  buf[p + 2] = HEX_PAIRS[lo]!;
  buf[p + 3] = HEX_PAIRS[lo + 1]!;
}

/**
 * Chunk buffers handed back by the consumer for reuse. Chunks cross threads as transferred
 * ArrayBuffers; allocating a fresh one per chunk piles up external memory faster than the
 * garbage collector notices it (the benchmark peaked near 800 MB that way).
 */
export class ChunkPool {
  private readonly free: RecordChunk[] = [];

  /** `inFlight`: chunks the consumer may hold at once; one more than that is never needed free. */
  constructor(private readonly inFlight = 4) {}

  give(chunk: RecordChunk): void {
    if (this.free.length <= this.inFlight) this.free.push(chunk);
  }

  /** A chunk whose arrays can hold `bytes` bytes and `records` records, or null. */
  take(bytes: number, records: number): RecordChunk | null {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const c = this.free[i]!;
      if (c.bytes.buffer.byteLength >= bytes && c.ends.buffer.byteLength >= records * 4) {
        this.free.splice(i, 1);
        return c;
      }
    }
    return null;
  }
}

export class ByteWriter {
  /** Set by the owner to recycle chunk buffers the consumer gives back. */
  pool: ChunkPool | null = null;

  buf: Buffer;
  pos = 0;
  /** Chunks emitted so far; callers poll it to apply back-pressure between records. */
  flushes = 0;
  /** Records written by `#type`. */
  readonly counts: Record<string, number> = {};
  private count = 0;
  private ends = new Uint32Array(4096);
  private day = 0;
  private part = 0;
  /** Encoded dates by day, direct-mapped: records alternate between event and install dates. */
  private readonly dateTags = new Float64Array(DATE_SLOTS).fill(Number.NaN);
  private readonly dateBytes = new Uint8Array(DATE_SLOTS * 11);

  constructor(
    private readonly chunkBytes: number,
    private readonly onChunk: (chunk: RecordChunk) => void,
  ) {
    this.buf = Buffer.allocUnsafeSlow(chunkBytes + 65_536);
  }

  get recordCount(): number {
    return this.count;
  }

  /** Makes room for `n` more bytes (records larger than the headroom grow the buffer). */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.pos + n > this.buf.length) this.ensure(n);
    if (n > 48) {
      this.buf.set(bytes, this.pos);
      this.pos += n;
      return;
    }
    // Short fragments: a plain loop beats TypedArray#set's fixed cost.
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = bytes[i]!;
    this.pos = p;
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Text known to be ASCII without characters JSON must escape (keys, digits, ids). */
  ascii(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A JSON string literal. */
  str(s: string): void {
    const n = s.length;
    if (n < 64) {
      let plain = true;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
          plain = false;
          break;
        }
      }
      if (plain) {
        if (this.pos + n + 2 > this.buf.length) this.ensure(n + 2);
        const buf = this.buf;
        let p = this.pos;
        buf[p++] = QUOTE;
        for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
        buf[p++] = QUOTE;
        this.pos = p;
        return;
      }
    }
    const json = JSON.stringify(s);
    this.ensure(json.length * 3);
    this.pos += this.buf.write(json, this.pos, 'utf8');
  }

  num(v: number): void {
    if (v >= 0 && v < 2147483648 && (v | 0) === v) {
      this.uint(v);
      return;
    }
    if (v < 0 && v > -2147483648 && (v | 0) === v) {
      this.byte(0x2d);
      this.uint(-v);
      return;
    }
    this.ascii(Number.isFinite(v) ? String(v) : '0');
  }

  /** A non-negative 31-bit integer, digits written without building a string. */
  uint(v: number): void {
    if (this.pos + 10 > this.buf.length) this.ensure(10);
    const buf = this.buf;
    if (v < 10) {
      buf[this.pos++] = 48 + v;
      return;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    while (v >= 10) {
      const q = (v / 10) | 0;
      buf[--p] = 48 + (v - q * 10);
      v = q;
    }
    buf[--p] = 48 + v;
  }

  /** `yyyy-MM-dd HH:mm:ss.SSS` of a local wall-clock time given as "UTC" milliseconds. */
  time(localMs: number): void {
    if (this.pos + 23 > this.buf.length) this.ensure(23);
    const days = Math.floor(localMs / 86_400_000);
    const slot = days & (DATE_SLOTS - 1);
    const date = this.dateBytes;
    const at = slot * 11;
    if (this.dateTags[slot] !== days) {
      this.dateTags[slot] = days;
      civilDate(days, date, at);
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = at; i < at + 11; i++) buf[p++] = date[i]!;
    // Whole milliseconds into the day, so integer arithmetic is exact.
    let ms = (localMs - days * 86_400_000) | 0;
    const h = (ms / 3_600_000) | 0;
    ms -= h * 3_600_000;
    const m = (ms / 60_000) | 0;
    ms -= m * 60_000;
    const sec = (ms / 1000) | 0;
    ms -= sec * 1000;
    buf[p] = 48 + ((h / 10) | 0);
    buf[p + 1] = 48 + (h % 10);
    buf[p + 2] = 0x3a;
    buf[p + 3] = 48 + ((m / 10) | 0);
    buf[p + 4] = 48 + (m % 10);
    buf[p + 5] = 0x3a;
    buf[p + 6] = 48 + ((sec / 10) | 0);
    buf[p + 7] = 48 + (sec % 10);
    buf[p + 8] = 0x2e;
    buf[p + 9] = 48 + ((ms / 100) | 0);
    buf[p + 10] = 48 + (((ms / 10) | 0) % 10);
    buf[p + 11] = 48 + (ms % 10);
    this.pos = p + 12;
  }

  /** A version-4-shaped UUID from four 32-bit words, hex written directly. */
  uuid(w0: number, w1: number, w2: number, w3: number): void {
    this.ensure(38);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = QUOTE;
    hex4(buf, p + 1, w0 >>> 16);
    hex4(buf, p + 5, w0 & 0xffff);
    buf[p + 9] = 0x2d;
    hex4(buf, p + 10, w1 >>> 16);
    buf[p + 14] = 0x2d;
    hex4(buf, p + 15, (w1 & 0x0fff) | 0x4000);
    buf[p + 19] = 0x2d;
    hex4(buf, p + 20, ((w2 >>> 16) & 0x3fff) | 0x8000);
    buf[p + 24] = 0x2d;
    hex4(buf, p + 25, w2 & 0xffff);
    hex4(buf, p + 29, w3 >>> 16);
    hex4(buf, p + 33, w3 & 0xffff);
    buf[p + 37] = QUOTE;
    this.pos = p + 38;
  }

  /** Marks the end of one record (its newline already written). */
  endRecord(): void {
    const i = this.count;
    if (i === this.ends.length) this.growIndex();
    this.ends[i] = this.pos;
    this.count = i + 1;
    if (this.pos >= this.chunkBytes) this.flush();
  }

  private growIndex(): void {
    const ends = new Uint32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
  }

  /**
   * Emits what has been written so far as one chunk (no-op when empty). The filled buffer itself
   * becomes the chunk, so its bytes are never copied; writing goes on in a returned chunk's
   * buffer, or a new one.
   */
  flush(): void {
    const n = this.count;
    if (n === 0) return;
    const capBytes = this.chunkBytes + 65_536;
    const reuse = this.pool?.take(capBytes, n) ?? null;
    const bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
    const ends = new Uint32Array(reuse ? reuse.ends.buffer : new ArrayBuffer(Math.max(n, this.ends.length) * 4), 0, n);
    ends.set(this.ends.subarray(0, n));
    this.buf = reuse ? Buffer.from(reuse.bytes.buffer) : Buffer.allocUnsafeSlow(capBytes);
    const chunk: RecordChunk = { day: this.day, part: this.part, bytes, ends };
    this.pos = 0;
    this.count = 0;
    this.flushes++;
    this.onChunk(chunk);
  }

  /** Starts a part-day: what follows goes into chunks tagged with it. */
  setPart(day: number, part: number): void {
    this.flush();
    this.day = day;
    this.part = part;
  }
}
