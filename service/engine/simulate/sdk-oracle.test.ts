/**
 * The official Node SDK as the format oracle: records it writes through its LoggingConsumer for the
 * same event (same ids, time, properties) must equal ours apart from the random #uuid.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

type Rec = Record<string, unknown> & { properties: Record<string, unknown> };
interface Sdk {
  track(p: object): void;
  trackFirst(p: object): void;
  userSet(p: object): void;
  userSetOnce(p: object): void;
  userAdd(p: object): void;
  userAppend(p: object): void;
  userUniqAppend(p: object): void;
  close(): void;
}

const require = createRequire(import.meta.url);
const TE = require('thinkingdata-node') as { initWithLoggingMode(path: string, config: object): Sdk };

function localDate(time: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/.exec(time)!;
  return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

const METHOD: Record<string, keyof Sdk> = {
  user_set: 'userSet',
  user_setOnce: 'userSetOnce',
  user_add: 'userAdd',
  user_append: 'userAppend',
  user_uniq_append: 'userUniqAppend',
};

function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort());
  return typeof v;
}

describe('records against the thinkingdata-node SDK', () => {
  it('have the same keys, values and types as the SDK writes for the same calls', async () => {
    const { records } = await simulateLines(gameTaxonomy(), gameRules(), { startDate: '2026-01-01', days: 2, dau: 60, seed: 3 });
    // One record of every kind we emit: plain and first events, each user_* type.
    const samples = new Map<string, Rec>();
    for (const { record } of records as { record: Rec }[]) {
      const kind = record['#type'] === 'track' ? (record['#first_check_id'] ? 'first' : `track:${record['#event_name'] as string}`) : (record['#type'] as string);
      if (!samples.has(kind)) samples.set(kind, record);
    }
    expect([...samples.keys()]).toEqual(expect.arrayContaining(['first', 'track:purchase', 'track:battle', 'user_set', 'user_add', 'user_setOnce', 'user_uniq_append']));

    const dir = await mkdtemp(join(tmpdir(), 'dds-sdk-'));
    try {
      const sdk = TE.initWithLoggingMode(dir, { filePrefix: 'oracle' });
      const ours = [...samples.values()];
      for (const r of ours) {
        const base = {
          distinctId: r['#distinct_id'],
          ...(r['#account_id'] ? { accountId: r['#account_id'] } : {}),
          ...(r['#ip'] ? { ip: r['#ip'] } : {}),
          time: localDate(r['#time'] as string),
          properties: structuredClone(r.properties),
        };
        if (r['#type'] === 'track') {
          const event = { ...base, event: r['#event_name'] };
          if (r['#first_check_id']) sdk.trackFirst({ ...event, firstCheckId: r['#first_check_id'] });
          else sdk.track(event);
        } else (sdk[METHOD[r['#type'] as string]!] as (p: object) => void)(base);
      }
      sdk.close();
      let lines: string[] = [];
      for (let i = 0; i < 100 && lines.length < ours.length; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const files = await readdir(dir);
        lines = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('').split('\n').filter(Boolean);
      }
      expect(lines).toHaveLength(ours.length);
      lines.forEach((line, i) => {
        const theirs = JSON.parse(line) as Rec;
        const mine = ours[i]!;
        expect(theirs['#uuid']).toMatch(/^[0-9a-f-]{36}$/);
        expect(mine['#uuid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const strip = (r: Rec) => ({ ...r, '#uuid': 'x' });
        // The SDK adds its own #lib/#lib_version to track events; ours carry the client's.
        if (mine['#type'] === 'track') theirs.properties = { ...theirs.properties, '#lib': mine.properties['#lib'], '#lib_version': mine.properties['#lib_version'] };
        expect(shape(strip(mine))).toEqual(shape(strip(theirs)));
        expect(strip(mine)).toEqual(strip(theirs));
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
