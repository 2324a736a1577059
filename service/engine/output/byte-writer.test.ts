import { describe, expect, it } from 'vitest';
import { Rng } from '../random/prng.ts';
import { ByteWriter, civilDate, type RecordChunk } from './byte-writer.ts';

const decoder = new TextDecoder();

describe('civilDate', () => {
  it('agrees with Date for every day from 1900 to 2200, leap days and year ends included', () => {
    const out = new Uint8Array(11);
    for (let days = -25_567; days < 84_000; days++) {
      civilDate(days, out);
      const expected = `${new Date(days * 86_400_000).toISOString().slice(0, 10)} `;
      if (decoder.decode(out) !== expected) expect(decoder.decode(out)).toBe(expected);
    }
    civilDate(20_512, out);
    expect(decoder.decode(out)).toBe('2026-02-28 ');
  });
});

describe('ByteWriter', () => {
  it('writes times, numbers and strings exactly as Date and JSON.stringify would', () => {
    const chunks: RecordChunk[] = [];
    const w = new ByteWriter(1 << 16, (c) => chunks.push(c));
    const rng = new Rng(11);
    const expected: string[] = [];
    for (let i = 0; i < 5000; i++) {
      // Alternating far-apart dates exercise the date cache's collisions.
      const ms = Math.floor(rng.next() * 4e12) - 1e12;
      const n = i % 3 === 0 ? Math.floor(rng.next() * 2 ** 31) : i % 3 === 1 ? -Math.floor(rng.next() * 1e6) : Math.round(rng.next() * 1e6) / 100;
      const text = i % 2 === 0 ? `item_${i}` : `한글 "q" \\ ${i}\n`;
      w.byte(0x5b);
      w.byte(0x22);
      w.time(ms);
      w.byte(0x22);
      w.byte(0x2c);
      w.num(n);
      w.byte(0x2c);
      w.str(text);
      w.byte(0x5d);
      w.byte(0x0a);
      w.endRecord();
      const iso = new Date(ms).toISOString();
      expected.push(`${JSON.stringify([`${iso.slice(0, 10)} ${iso.slice(11, 23)}`, n, text])}\n`);
    }
    w.flush();
    const written = chunks.map((c) => decoder.decode(c.bytes)).join('');
    expect(written).toBe(expected.join(''));
    expect(chunks.reduce((s, c) => s + c.ends.length, 0)).toBe(5000);
  });
});
