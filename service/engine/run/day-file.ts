/**
 * One daily output file, written once, in order, to a temporary name and renamed when the day is
 * complete. Plain chunks are written as they come, without a copy. Gzip output is a series of
 * members (see gzip-blocks.ts), compressed here from chunks or arriving compressed from a worker.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { GzipBlocks } from '../output/gzip-blocks.ts';
import { collectYoungGarbage } from './young-gc.ts';

/** Members between scavenges: about 4 MB of dead output buffers at most. */
const MEMBERS_PER_SCAVENGE = 16;

export class DayFile {
  private fd: number;
  /** Cuts and compresses chunks on this thread; null for plain output. */
  private readonly blocks: GzipBlocks | null;
  private members = 0;
  records = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    this.fd = openSync(`${path}.tmp`, 'w');
    this.blocks = gzip ? new GzipBlocks((member) => this.writeMember(member)) : null;
  }

  /** Appends a chunk of whole records, given the end offset of each. */
  append(bytes: Uint8Array, ends: Uint32Array): void {
    this.records += ends.length;
    if (this.blocks) this.blocks.add(bytes, ends);
    else this.write(bytes);
  }

  /** Appends a gzip member a worker compressed (see gzip-blocks.ts). */
  appendMember(member: Uint8Array, records: number): void {
    this.records += records;
    this.writeMember(member);
  }

  /** A part's records are all appended: its last gzip block is cut (parts are cut alike everywhere). */
  endPart(): void {
    this.blocks?.cut();
  }

  private writeMember(member: Uint8Array): void {
    this.write(member);
    // Each member leaves a dead buffer that only a collection returns (see young-gc.ts).
    if (++this.members % MEMBERS_PER_SCAVENGE === 0) collectYoungGarbage();
  }

  private write(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    this.bytes += data.length;
  }

  /** Flushes, closes and renames into place; returns the final size in bytes. */
  async finish(): Promise<number> {
    this.endPart();
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
