import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver, type ReceiverOptions } from './index.ts';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function start(opts: ReceiverOptions = {}): Promise<Receiver> {
  receiver = await startReceiver(opts);
  return receiver;
}

function record(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '#type': 'track',
    '#time': `2026-01-01 00:00:${String(i % 60).padStart(2, '0')}.000`,
    '#distinct_id': `d${i}`,
    '#event_name': 'login',
    '#uuid': `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    properties: { level: i, ...extra },
  };
}

async function post(r: Receiver, path: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${r.url}${path}`, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('TE paths', () => {
  it('/sync_server takes gzip by header or by magic bytes, and plain JSON', async () => {
    const r = await start();
    const batch = (from: number) => JSON.stringify([record(from), record(from + 1)]);
    expect((await post(r, '/sync_server', gzipSync(batch(0)), { appid: 'A', compress: 'gzip' })).body).toMatchObject({ code: 0 });
    expect((await post(r, '/sync_server', gzipSync(batch(2)), { appid: 'A' })).body).toMatchObject({ code: 0 });
    expect((await post(r, '/sync_server', batch(4), { appid: 'A', compress: 'none' })).body).toMatchObject({ code: 0 });
    expect(r.store.records('A').map((x) => x['#distinct_id'])).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
  });

  it('answers -2 for unknown app ids and stores nothing', async () => {
    const r = await start({ appIds: ['A'] });
    expect((await post(r, '/sync_server', JSON.stringify([record(0)]), { appid: 'B' })).body.code).toBe(-2);
    // A record routed by #app_id to an unknown project is rejected on its own.
    const res = await post(r, '/sync_server', JSON.stringify([record(1), record(2, {}), { ...record(3), '#app_id': 'C' }]), { appid: 'A' });
    expect(res.body).toMatchObject({ code: -1, accepted: 2, rejected: 1 });
    expect(r.store.rejected[0]!.issues[0]!.code).toBe('unknown_app_id');
    expect((await fetch(`${r.url}/check_appid?appid=A`).then((x) => x.json())) as object).toEqual({ code: 0 });
    expect((await fetch(`${r.url}/check_appid?appid=B`).then((x) => x.json())) as object).toEqual({ code: -2 });
    expect((await fetch(`${r.url}/health-check`).then((x) => x.json())) as object).toEqual({ code: 0 });
  });

  it('keeps a report of rejected records with their issues, and accepts the rest', async () => {
    const r = await start();
    const res = await post(r, '/sync_server', JSON.stringify([record(0), { ...record(1), '#time': '2026/01/01' }]), { appid: 'A' });
    expect(res.body.code).toBe(-1);
    expect(String(res.body.msg)).toContain('#time');
    expect(r.store.count('A')).toBe(1);
    expect(r.store.rejected).toMatchObject([{ appId: 'A', path: '/sync_server', index: 1, issues: [{ field: '#time', code: 'invalid_time' }] }]);
    expect(r.store.summary().rejectedByCode).toEqual({ invalid_time: 1 });
  });

  it('drops duplicate #uuid within and across requests and counts them', async () => {
    const r = await start();
    await post(r, '/sync_server', JSON.stringify([record(0), record(0)]), { appid: 'A' });
    const again = await post(r, '/sync_server', JSON.stringify([record(0), record(1)]), { appid: 'A' });
    expect(again.body).toMatchObject({ code: 0, accepted: 1, duplicates: 1 });
    expect(r.store.count('A')).toBe(2);
    expect(r.store.duplicates).toBe(2);
  });

  it('/sync_data, /sync_json and /logbus', async () => {
    const r = await start();
    const form = new URLSearchParams({ appid: 'A', data: JSON.stringify(record(0)) });
    expect((await post(r, '/sync_data', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' })).body).toMatchObject({ code: 0 });
    const list = new URLSearchParams({ appid: 'A', data_list: JSON.stringify([record(1), record(2)]) });
    expect((await post(r, '/sync_data', list.toString())).body).toMatchObject({ code: 0 });
    const env = JSON.stringify([{ appid: 'A', debug: 0, data: record(3) }, { appid: 'A', debug: 0, data: [record(4)] }]);
    expect((await post(r, '/sync_json', gzipSync(env), { compress: 'gzip' })).body).toMatchObject({ code: 0 });
    expect((await post(r, '/logbus', gzipSync(JSON.stringify([record(5)])), { appid: 'A', compress: 'gzip' })).body).toMatchObject({ code: 0 });
    // JSON lines are understood too, since the LogBus2 wire format is unconfirmed.
    expect((await post(r, '/logbus', `${JSON.stringify(record(6))}\n${JSON.stringify(record(7))}\n`, { appid: 'A' })).body).toMatchObject({ code: 0 });
    expect(r.store.count('A')).toBe(8);
  });

  it('logs the raw body of requests it does not understand, in memory and to a file', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'te-recv-')), 'unknown.jsonl');
    const r = await start({ store: { unknownLogFile: log } });
    const res = await post(r, '/logbus', gzipSync('hello=world'), { appid: 'A', compress: 'gzip' });
    expect(res.body.code).toBe(-1);
    await post(r, '/nowhere', 'x');
    expect(r.store.unknownRequests.map((u) => [u.path, u.body])).toEqual([
      ['/logbus', 'hello=world'],
      ['/nowhere', 'x'],
    ]);
    expect(r.store.unknownRequests[0]!.headers.appid).toBe('A');
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { path: string; body: string });
    expect(lines.map((l) => [l.path, l.body])).toEqual([
      ['/logbus', 'hello=world'],
      ['/nowhere', 'x'],
    ]);
  });

  it('/data_debug answers errorLevel with the properties at fault, and honours dryRun', async () => {
    const r = await start();
    const ask = async (data: unknown, dryRun: string) =>
      (await post(r, '/data_debug', new URLSearchParams({ appid: 'A', data: JSON.stringify(data), source: 'server', dryRun }).toString())).body;
    expect(await ask(record(0, { price: 1 }), '1')).toMatchObject({ errorLevel: 0 });
    expect(r.store.count('A')).toBe(0);
    expect(await ask(record(1, { price: 1 }), '0')).toMatchObject({ errorLevel: 0 });
    expect(r.store.count('A')).toBe(1);
    const prop = await ask(record(2, { price: 'x' }), '1');
    expect(prop).toMatchObject({ errorLevel: 1, errorProperties: [{ propertyName: 'price', code: 'type_lock' }] });
    const format = await ask({ ...record(3), '#time': 'now' }, '1');
    expect(format.errorLevel).toBe(2);
    expect((format.errorReasons as string[])[0]).toContain('#time');
  });

  it('appends accepted records to a JSONL file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'te-recv-')), 'accepted.jsonl');
    const r = await start({ store: { file, keepRecords: false } });
    await post(r, '/sync_server', JSON.stringify([record(0), record(1)]), { appid: 'A' });
    await r.close();
    receiver = undefined;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['#distinct_id'])).toEqual(['d0', 'd1']);
  });
});

describe('faults', () => {
  it('injects codes, HTTP errors, delays and dropped connections for the next requests', async () => {
    const r = await start({ faults: [{ kind: 'status', status: 500, count: 2 }] });
    const body = JSON.stringify([record(0)]);
    expect((await post(r, '/sync_server', body, { appid: 'A' })).status).toBe(500);
    expect((await post(r, '/sync_server', body, { appid: 'A' })).status).toBe(500);
    r.faults.inject([{ kind: 'code', code: -3 }, { kind: 'drop' }, { kind: 'delay', ms: 1 }]);
    expect((await post(r, '/sync_server', body, { appid: 'A' })).body.code).toBe(-3);
    await expect(post(r, '/sync_server', body, { appid: 'A' })).rejects.toThrow();
    expect(r.store.count('A')).toBe(0);
    expect((await post(r, '/sync_server', body, { appid: 'A' })).body.code).toBe(0);
    expect(r.store.count('A')).toBe(1);
    expect(r.faults.injected).toBe(5);
  });

  it('a drop after storing keeps the data although the client never hears', async () => {
    const r = await start({ faults: [{ kind: 'drop', when: 'after' }] });
    await expect(post(r, '/sync_server', JSON.stringify([record(0)]), { appid: 'A' })).rejects.toThrow();
    expect(r.store.count('A')).toBe(1);
  });

  it('is driven over HTTP by the control paths', async () => {
    const r = await start();
    const set = await post(r, '/_control/faults', JSON.stringify([{ kind: 'code', code: -1, count: 1 }]));
    expect(set.body).toEqual({ pending: [{ kind: 'code', code: -1, count: 1 }] });
    expect((await post(r, '/_control/faults', JSON.stringify({ kind: 'explode' }))).status).toBe(400);
    expect((await post(r, '/sync_server', JSON.stringify([record(0)]), { appid: 'A' })).body.code).toBe(-1);
    await post(r, '/sync_server', JSON.stringify([record(1)]), { appid: 'A' });
    const summary = (await fetch(`${r.url}/_control/summary`).then((x) => x.json())) as Record<string, unknown>;
    expect(summary).toMatchObject({ accepted: { A: 1 }, rejected: 0, injectedFaults: 1, pendingFaults: [] });
    const records = (await fetch(`${r.url}/_control/records?appid=A`).then((x) => x.json())) as { count: number };
    expect(records.count).toBe(1);
    await post(r, '/_control/reset', '');
    expect(r.store.count('A')).toBe(0);
  });
});
