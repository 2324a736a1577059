/**
 * The official Node SDK is the format oracle: what it sends must be accepted, and what it refuses
 * locally never reaches the receiver.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import TE from 'thinkingdata-node';
import { startReceiver, type Receiver } from './index.ts';

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver({ appIds: ['app-1'] });
});
afterEach(async () => {
  await receiver.close();
});

type Sdk = ReturnType<typeof TE.initWithBatchMode>;

/** Flushes a batch SDK and resolves with the error its callback reports. */
function flush(sdk: Sdk): Promise<Error | undefined> {
  return new Promise((resolve) => sdk.flush((err?: Error) => resolve(err ?? undefined)));
}

/** Sends one of every record kind the SDK can make. */
function sendAll(sdk: Sdk): void {
  const who = { accountId: 'acc-1', distinctId: 'dev-1' };
  const time = new Date(2026, 0, 5, 10, 30, 0, 250);
  sdk.track({ ...who, event: 'login', time, ip: '203.0.113.7', properties: { level: 3, channel: 'organic', vip: false, tags: ['a', 'b'], last_seen: new Date(2026, 0, 4) } });
  sdk.trackFirst({ ...who, event: 'install', time, firstCheckId: 'dev-1', properties: { campaign: 'spring' } });
  sdk.trackUpdate({ ...who, event: 'order', time, eventId: 'o-1', properties: { status: 'paid' } });
  sdk.trackOverWrite({ ...who, event: 'order', time, eventId: 'o-1', properties: { status: 'shipped', amount: 12.5 } });
  sdk.userSet({ ...who, properties: { nickname: 'kim', gear: { slot: 'head' } } });
  sdk.userSetOnce({ ...who, properties: { first_country: 'KR' } });
  sdk.userAdd({ ...who, properties: { coins: 10 } });
  sdk.userAppend({ ...who, properties: { badges: ['first'] } });
  sdk.userUniqAppend({ ...who, properties: { badges: ['first'] } });
  sdk.userUnset({ ...who, property: 'nickname' });
  sdk.userDel({ ...who });
}

describe('thinkingdata-node against the receiver', () => {
  for (const compress of [true, false]) {
    it(`accepts everything the batch consumer sends (compress ${compress})`, async () => {
      const sdk = TE.initWithBatchMode('app-1', receiver.url, { batchSize: 100, compress });
      sendAll(sdk);
      expect(await flush(sdk)).toBeUndefined();
      expect(receiver.store.rejected).toEqual([]);
      const records = receiver.store.records('app-1');
      expect(records.map((r) => r['#type'])).toEqual([
        'track', 'track', 'track_update', 'track_overwrite', 'user_set', 'user_setOnce', 'user_add', 'user_append', 'user_uniq_append', 'user_unset', 'user_del',
      ]);
      expect(records[0]!['#time']).toBe('2026-01-05 10:30:00.250');
      expect(records[1]!['#first_check_id']).toBe('dev-1');
    });
  }

  it('answers -2 to an unknown app id, which the SDK reports', async () => {
    const sdk = TE.initWithBatchMode('other-app', receiver.url, { batchSize: 100 });
    sdk.track({ distinctId: 'd', event: 'login', properties: { level: 1 } });
    const err = await flush(sdk);
    expect(err?.message).toContain('-2');
    expect(receiver.store.summary().accepted).toEqual({});
  });

  it('debug mode with dryRun judges a record without storing it', async () => {
    const sdk = TE.initWithDebugMode('app-1', receiver.url, { dryRun: true, deviceId: 'test-device' });
    const ok = await new Promise<Error | undefined>((resolve) =>
      sdk.track({ distinctId: 'd', event: 'login', properties: { level: 1 }, callback: (e?: Error) => resolve(e) }),
    );
    expect(ok).toBeUndefined();
    expect(receiver.store.count('app-1')).toBe(0);
    // A preset name TE does not know is a property error (errorLevel 1), reported back in detail.
    const bad = await new Promise<Error | undefined>((resolve) =>
      sdk.track({ distinctId: 'd', event: 'login', properties: { '#made_up': 1 }, callback: (e?: Error) => resolve(e) }),
    );
    expect(bad?.message).toMatch(/"errorLevel":1/);
    expect(bad?.message).toContain('#made_up');
    expect(receiver.store.count('app-1')).toBe(0);
  });

  it('debug mode without dryRun stores the record', async () => {
    const sdk = TE.initWithDebugMode('app-1', receiver.url, { dryRun: false, deviceId: 'test-device' });
    const err = await new Promise<Error | undefined>((resolve) =>
      sdk.userSet({ accountId: 'a', properties: { level: 1 }, callback: (e?: Error) => resolve(e) }),
    );
    expect(err).toBeUndefined();
    expect(receiver.store.count('app-1')).toBe(1);
  });

  it('the SDK itself refuses a one-character property name; nothing is sent', async () => {
    const sdk = TE.initWithBatchMode('app-1', receiver.url, { batchSize: 1 });
    const err = await new Promise<Error | undefined>((resolve) =>
      sdk.track({ distinctId: 'd', event: 'login', properties: { a: 1 }, callback: (e?: Error) => resolve(e) }),
    );
    expect(err?.message).toBe('invalid properties');
    expect(receiver.store.summary()).toMatchObject({ accepted: {}, rejected: 0, unknownRequests: 0 });
  });

  it('the type lock catches a property that changes type between events', async () => {
    const sdk = TE.initWithBatchMode('app-1', receiver.url, { batchSize: 100 });
    sdk.track({ distinctId: 'd', event: 'view_item', properties: { price: 12 } });
    expect(await flush(sdk)).toBeUndefined();
    sdk.track({ distinctId: 'd', event: 'purchase', properties: { price: '12' } });
    const err = await flush(sdk);
    expect(err?.message).toContain('-1');
    expect(receiver.store.count('app-1')).toBe(1);
    expect(receiver.store.rejected.map((r) => r.issues.map((i) => `${i.field}:${i.code}`))).toEqual([['properties.price:type_lock']]);
  });
});
