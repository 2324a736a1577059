/**
 * One daily output file, written once: records are appended into a 1 MiB buffer, cut only at
 * record boundaries (so gzip members are the same whatever produced the records), compressed on
 * libuv's thread pool (never on the JS thread), written in order to a temporary name and renamed
 * when the day is complete.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
export const OUT_CHUNK = 1 << 20;
const MAX_PENDING = 4;

export class DayFile {
  private fd: number;
  private buf: Buffer = Buffer.allocUnsafe(OUT_CHUNK + 65_536);
  private pos = 0;
  private pending: Promise<Buffer>[] = [];
  /**
   * Buffers back from the compressor. A compressed block's input is the filled buffer itself,
   * swapped for a spare, so a gzip run neither copies each block nor leaves a megabyte of garbage
   * per block for the garbage collector to find (which let a run's RSS climb by tens of MB).
   */
  private spare: Buffer[] = [];
  records = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly gzip: boolean,
  ) {
    this.fd = openSync(`${path}.tmp`, 'w');
  }

  /**
   * Appends records [from, to) of a chunk, given the end offset of each record. Synchronous, so
   * the merge pays no promise per run of records; when compressed blocks pile up, `backlogged`
   * turns true and the caller awaits `drain()`.
   */
  append(bytes: Buffer, ends: Uint32Array, from: number, to: number): void {
    let start = from === 0 ? 0 : ends[from - 1]!;
    let i = from;
    while (i < to) {
      // Records up to the one that crosses the threshold go into this buffer.
      const room = OUT_CHUNK - this.pos;
      let j = i;
      while (j < to && ends[j]! - start < room) j++;
      const last = j < to ? j + 1 : to;
      const end = ends[last - 1]!;
      this.put(bytes, start, end);
      this.records += last - i;
      start = end;
      i = last;
      if (this.pos >= OUT_CHUNK) this.cut();
    }
  }

  get backlogged(): boolean {
    return this.pending.length >= MAX_PENDING;
  }

  /** Writes compressed blocks, oldest first, until fewer than the limit are in flight. */
  async drain(): Promise<void> {
    while (this.pending.length >= MAX_PENDING) this.write(await this.pending.shift()!);
  }

  /** Copies `src[start, end)`; `Buffer#copy` takes offsets, so no view is created per run of records. */
  private put(src: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafe(this.pos + n + 65_536);
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    src.copy(this.buf, this.pos, start, end);
    this.pos += n;
  }

  private cut(): void {
    if (this.pos === 0) return;
    if (!this.gzip) {
      // Written synchronously, so the buffer is free again at once: no copy.
      this.write(this.buf.subarray(0, this.pos));
      this.pos = 0;
      return;
    }
    const full = this.buf;
    const data = full.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(OUT_CHUNK + 65_536);
    this.pos = 0;
    this.pending.push(
      gzipAsync(data, { level: 1 }).then((out) => {
        this.spare.push(full);
        return out;
      }),
    );
  }

  private write(data: Buffer): void {
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    this.bytes += data.length;
  }

  /** Flushes, closes and renames into place; returns the final size in bytes. */
  async finish(): Promise<number> {
    this.cut();
    while (this.pending.length > 0) this.write(await this.pending.shift()!);
    closeSync(this.fd);
    renameSync(`${this.path}.tmp`, this.path);
    return this.bytes;
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(`${this.path}.tmp`);
    } catch {
      /* never created */
    }
  }
}
