/**
 * Gzip output as a series of members: records are gathered into 1 MiB blocks cut only at record
 * boundaries and at the end of each part (see roster.ts), and each block is compressed on its own.
 * The blocks depend on the records alone, so the file's bytes are the same whichever thread
 * compresses: the main thread when a core is spare, each worker its own parts when not (see
 * generate-run.ts). Concatenated members are one valid gzip file (RFC 1952 §2.2).
 */
import { gzipSync } from 'node:zlib';

export const GZIP_BLOCK_BYTES = 1 << 20;
/** zlib's output buffer: one buffer holds a whole compressed block (~120 KB), not 16 KB pieces. */
const OUTPUT_BYTES = 256 * 1024;

export class GzipBlocks {
  private buf: Buffer = Buffer.allocUnsafe(GZIP_BLOCK_BYTES + 65_536);
  private pos = 0;
  private records = 0;

  /** `onMember`: a compressed block and how many records it holds, in order. */
  constructor(private readonly onMember: (member: Uint8Array, records: number) => void) {}

  /** Adds a run of whole records, given the end offset of each in `bytes`. */
  add(bytes: Uint8Array, ends: Uint32Array): void {
    const to = ends.length;
    let start = 0;
    let i = 0;
    while (i < to) {
      // Records up to the one that crosses the threshold go into this block.
      const room = GZIP_BLOCK_BYTES - this.pos;
      let j = i;
      while (j < to && ends[j]! - start < room) j++;
      const last = j < to ? j + 1 : to;
      const end = ends[last - 1]!;
      this.put(bytes, start, end);
      this.records += last - i;
      start = end;
      i = last;
      if (this.pos >= GZIP_BLOCK_BYTES) this.cut();
    }
  }

  /** Compresses what is gathered: the end of a part. */
  cut(): void {
    if (this.pos === 0) return;
    const member = gzipSync(this.buf.subarray(0, this.pos), { level: 1, chunkSize: OUTPUT_BYTES });
    const records = this.records;
    this.pos = 0;
    this.records = 0;
    this.onMember(member, records);
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
}
