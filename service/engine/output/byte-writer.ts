/**
 * Records are written as bytes into one reused buffer: per-user and per-event fragments are
 * pre-encoded once and copied, numbers and times are written digit by digit. `JSON.stringify`
 * never runs on the hot path (DESIGN §9: it alone caps a core near 180k records/s).
 */

const HEX = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A finished run of records: bytes plus, per record, its end offset and sort key (UTC ms, user). */
export interface RecordChunk {
  day: number;
  bytes: Uint8Array;
  ends: Uint32Array;
  times: Float64Array;
  users: Float64Array;
}

export function encode(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

export class ByteWriter {
  buf: Buffer;
  pos = 0;
  /** Chunks emitted so far; callers poll it to apply back-pressure between records. */
  flushes = 0;
  /** Records written by `#type`. */
  readonly counts: Record<string, number> = {};
  private ends: number[] = [];
  private times: number[] = [];
  private users: number[] = [];
  private dateDay = Number.NaN;
  private readonly dateBytes = new Uint8Array(11);

  constructor(
    private readonly chunkBytes: number,
    private readonly onChunk: (chunk: RecordChunk) => void,
    private day = 0,
  ) {
    this.buf = Buffer.allocUnsafeSlow(chunkBytes + 65_536);
  }

  get recordCount(): number {
    return this.ends.length;
  }

  /** Makes room for `n` more bytes (records larger than the headroom grow the buffer). */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  raw(bytes: Uint8Array): void {
    if (this.pos + bytes.length > this.buf.length) this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
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
    if (Number.isInteger(v) && v >= 0 && v < 1e15) {
      this.uint(v);
      return;
    }
    this.ascii(Number.isFinite(v) ? String(v) : '0');
  }

  uint(v: number): void {
    if (v < 10) {
      this.byte(48 + v);
      return;
    }
    this.ascii(String(v));
  }

  private pad(v: number, width: number): void {
    const buf = this.buf;
    for (let i = width - 1; i >= 0; i--) {
      buf[this.pos + i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.pos += width;
  }

  /** `yyyy-MM-dd HH:mm:ss.SSS` of a local wall-clock time given as "UTC" milliseconds. */
  time(localMs: number): void {
    this.ensure(23);
    const dayMs = Math.floor(localMs / 86_400_000) * 86_400_000;
    if (dayMs !== this.dateDay) {
      this.dateDay = dayMs;
      const text = new Date(dayMs).toISOString().slice(0, 10) + ' ';
      for (let i = 0; i < 11; i++) this.dateBytes[i] = text.charCodeAt(i);
    }
    this.buf.set(this.dateBytes, this.pos);
    this.pos += 11;
    let ms = localMs - dayMs;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    this.pad(h, 2);
    this.buf[this.pos++] = 0x3a;
    this.pad(m, 2);
    this.buf[this.pos++] = 0x3a;
    this.pad(s, 2);
    this.buf[this.pos++] = 0x2e;
    this.pad(ms, 3);
  }

  /** A version-4-shaped UUID from four 32-bit words, hex written directly. */
  uuid(w0: number, w1: number, w2: number, w3: number): void {
    this.ensure(38);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = QUOTE;
    const words = [w0, (w1 & 0xffff0fff) | 0x4000, (w2 & 0x3fffffff) | 0x80000000, w3];
    for (let wi = 0; wi < 4; wi++) {
      const w = words[wi]! >>> 0;
      for (let k = 7; k >= 0; k--) {
        const nibble = (w >>> (k * 4)) & 15;
        buf[p++] = HEX[nibble]!;
        const idx = wi * 8 + (7 - k);
        if (idx === 7 || idx === 11 || idx === 15 || idx === 19) buf[p++] = 0x2d;
      }
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** Marks the end of one record (its newline already written) with its merge key. */
  endRecord(utcMs: number, user: number): void {
    this.ends.push(this.pos);
    this.times.push(utcMs);
    this.users.push(user);
    if (this.pos >= this.chunkBytes) this.flush();
  }

  /** Emits what has been written so far as one chunk (no-op when empty). */
  flush(): void {
    if (this.ends.length === 0) return;
    const bytes = new Uint8Array(this.pos);
    bytes.set(this.buf.subarray(0, this.pos));
    const chunk: RecordChunk = {
      day: this.day,
      bytes,
      ends: Uint32Array.from(this.ends),
      times: Float64Array.from(this.times),
      users: Float64Array.from(this.users),
    };
    this.pos = 0;
    this.ends = [];
    this.times = [];
    this.users = [];
    this.flushes++;
    this.onChunk(chunk);
  }

  setDay(day: number): void {
    this.flush();
    this.day = day;
  }
}
