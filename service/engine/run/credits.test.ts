import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordChunk } from '../output/byte-writer.ts';
import { Credits } from './credits.ts';
import type { MainMessage } from './messages.ts';

const chunk = (day: number): RecordChunk => ({ day, bytes: new Uint8Array(8), ends: new Uint32Array(1), part: 0 });
const credit = (day: number): MainMessage => ({ type: 'credit', chunk: chunk(day) });

describe('Credits', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });
  function setup(limit: number) {
    const ch = new MessageChannel();
    channels.push(ch);
    const returned: number[] = [];
    const credits = new Credits(ch.port1, limit, (m) => returned.push(m.chunk.day));
    return { main: ch.port2, credits, returned };
  }

  it('takes every credit already returned in one wait, in the order they were sent', async () => {
    const { main, credits, returned } = setup(4);
    for (let i = 0; i < 4; i++) credits.spend();
    for (let i = 0; i < 4; i++) main.postMessage(credit(i));
    await credits.wait();
    expect(credits.inFlight).toBe(0);
    expect(returned).toEqual([0, 1, 2, 3]);
  });

  it('does not wait below the limit', async () => {
    const { credits, returned } = setup(4);
    for (let i = 0; i < 3; i++) credits.spend();
    await credits.wait();
    expect(credits.inFlight).toBe(3);
    expect(returned).toEqual([]);
  });

  it('at the limit, waits until the main thread returns a credit', async () => {
    const { main, credits, returned } = setup(2);
    credits.spend();
    credits.spend();
    let resumed = false;
    const waiting = credits.wait().then(() => (resumed = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(resumed).toBe(false);
    main.postMessage(credit(7));
    await waiting;
    expect(credits.inFlight).toBe(1);
    expect(returned).toEqual([7]);
  });
});
