/**
 * One daily output file, written once, in order, to a temporary name and renamed when the day is
 * complete. Plain chunks are written as they come. For gzip, records are gathered into 1 MiB
 * blocks cut only at record boundaries (so the members are the same whatever produced the
 * records) and each block is compressed as it is cut.
 *
 * Compression runs on this thread: a 1 MiB block takes a few milliseconds at level 1, and while
 * the workers simulate, this thread has that time. On libuv's pool it ran no faster on two cores
 * and needed a queue of blocks in flight.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { collectYoungGarbage } from './young-gc.ts';

export const OUT_CHUNK = 1 << 20;
/** Compressed blocks between scavenges: about 4 MB of dead output buffers at most. */
const BLOCKS_PER_SCAVENGE = 16;

export class DayFile {
  private fd: number;
  private buf: Buffer = Buffer.allocUnsafe(OUT_CHUNK + 65_536);
  private pos = 0;
  private blocks = 0;
  records = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly gzip: boolean,
  ) {
    this.fd = openSync(`${path}.tmp`, 'w');
  }

  /** Appends a chunk of whole records, given the end offset of each. */
  append(bytes: Uint8Array, ends: Uint32Array): void {
    const to = ends.length;
    this.records += to;
    // Plain output has no blocks to cut: the chunk goes out as it is, without a copy.
    if (!this.gzip) {
      this.write(bytes);
      return;
    }
    let start = 0;
    let i = 0;
    while (i < to) {
      // Records up to the one that crosses the threshold go into this buffer.
      const room = OUT_CHUNK - this.pos;
      let j = i;
      while (j < to && ends[j]! - start < room) j++;
      const last = j < to ? j + 1 : to;
      const end = ends[last - 1]!;
      this.put(bytes, start, end);
      start = end;
      i = last;
      if (this.pos >= OUT_CHUNK) this.cut();
    }
  }

  private put(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafe(this.pos + n + 65_536);
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    this.buf.set(src.subarray(start, end), this.pos);
    this.pos += n;
  }

  private cut(): void {
    if (this.pos === 0) return;
    const block = this.buf.subarray(0, this.pos);
    // One output buffer that holds a whole compressed block (~120 KB), not zlib's 16 KB pieces:
    // thousands of blocks' small pieces fragmented the allocator's heap by ~25 MB in a run.
    if (this.gzip) {
      this.write(gzipSync(block, { level: 1, chunkSize: 256 * 1024 }));
      // Each block leaves a dead 256 KiB buffer that only a collection returns (see young-gc.ts).
      if (++this.blocks % BLOCKS_PER_SCAVENGE === 0) collectYoungGarbage();
    } else this.write(block);
    this.pos = 0;
  }

  private write(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    this.bytes += data.length;
  }

  /** Flushes, closes and renames into place; returns the final size in bytes. */
  async finish(): Promise<number> {
    this.cut();
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
