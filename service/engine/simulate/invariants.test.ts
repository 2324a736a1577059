import { describe, expect, it } from 'vitest';
import { createRecordValidator } from '../../te/validate.ts';
import { funnelDepth } from '../../insights/funnel-depth.ts';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { ipInCountry } from '../presets/index.ts';
import { simulateLines, type SimulatedRecord } from '../fixtures/simulate-lines.ts';

const START = '2026-01-01';
const DAYS = 4;

function byUser(records: SimulatedRecord[]): Map<string, SimulatedRecord[]> {
  const map = new Map<string, SimulatedRecord[]>();
  for (const r of records) {
    const id = r.record['#distinct_id'] as string;
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    list.push(r);
  }
  return map;
}

const kindOf = (registered: boolean) => (registered ? 'a registered' : 'a guest');
const utcOf = (r: SimulatedRecord) => Date.parse(`${(r.record['#time'] as string).replace(' ', 'T')}Z`) - (r.record.properties['#zone_offset'] as number ?? 0) * 3_600_000;

describe('simulated records (game fixture)', async () => {
  const { records, insights } = await simulateLines(gameTaxonomy(), gameRules(), { startDate: START, days: DAYS, dau: 150, seed: 11 });
  const users = byUser(records);
  const tracks = records.filter((r) => r.record['#type'] === 'track');

  it('produces a realistic amount of data', () => {
    expect(tracks.length).toBeGreaterThan(1000);
    expect(users.size).toBeGreaterThan(100);
  });

  it('passes the TE record validator, type lock included', () => {
    const v = createRecordValidator();
    const problems = records.flatMap((r) => v.validate(r.record).map((i) => ({ i, line: r.line.slice(0, 200) })));
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('keeps every record inside the requested local dates and in the file of its local date', () => {
    for (const r of records) {
      const date = (r.record['#time'] as string).slice(0, 10);
      expect(date >= START && date <= '2026-01-04').toBe(true);
      const day = (Date.parse(date) - Date.parse(START)) / 86_400_000;
      expect(day).toBe(r.day);
    }
  });

  it('writes each day as its parts in order, each part in time order, each user in one part', () => {
    expect(new Set(records.map((r) => r.part)).size).toBe(4);
    const partOfUser = new Map<string, number>();
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const id = r.record['#distinct_id'] as string;
      const part = partOfUser.get(id) ?? r.part;
      partOfUser.set(id, part);
      if (r.part !== part) expect(`${id} in part ${r.part}`).toBe(`${id} in part ${part}`);
      const prev = records[i - 1];
      if (prev && prev.day === r.day && r.part < prev.part) expect(`day ${r.day}: part ${r.part} after ${prev.part}`).toBe('parts in order');
    }
    // user_* records carry no #zone_offset; track records are enough to see the order.
    for (let i = 1; i < tracks.length; i++) {
      const a = tracks[i - 1]!;
      const b = tracks[i]!;
      if (a.day === b.day && a.part === b.part && utcOf(a) > utcOf(b)) expect(utcOf(a)).toBeLessThanOrEqual(utcOf(b));
    }
  });

  it('never overlaps sessions and closes each with its duration', () => {
    for (const list of users.values()) {
      let open = false;
      let lastEnd = -Infinity;
      for (const r of list) {
        if (r.record['#type'] !== 'track') continue;
        const name = r.record['#event_name'];
        const t = utcOf(r);
        if (name === 'app_start') {
          expect(open).toBe(false);
          expect(t).toBeGreaterThan(lastEnd);
          open = true;
        } else if (name === 'app_end') {
          expect(r.record.properties['#duration']).toBeGreaterThan(0);
          open = false;
          lastEnd = t;
        }
      }
    }
  });

  it('honours once-per-user, prerequisites and lifecycle gates', () => {
    for (const list of users.values()) {
      const names = list.filter((r) => r.record['#type'] === 'track').map((r) => r.record['#event_name'] as string);
      expect(names.filter((n) => n === 'register').length).toBeLessThanOrEqual(1);
      const reg = names.indexOf('register');
      const guestFirst = list[0]!.record['#account_id'] === undefined;
      if (guestFirst) {
        // Registered-stage events only after registering, and the account id from then on.
        for (const [i, n] of names.entries()) if (['level_up', 'battle', 'shop_view', 'purchase'].includes(n)) expect(reg >= 0 && i > reg).toBe(true);
      }
      const firstShop = names.indexOf('shop_view');
      const firstPurchase = names.indexOf('purchase');
      if (firstPurchase >= 0 && guestFirst) expect(firstShop >= 0 && firstShop < firstPurchase).toBe(true);
      const registerRecord = list.find((r) => r.record['#event_name'] === 'register');
      if (registerRecord) expect(registerRecord.record['#first_check_id']).toBe(registerRecord.record['#distinct_id']);
      if (guestFirst) {
        // Guest records until the register event; it and every record after it carry the account id.
        const at = registerRecord ? list.indexOf(registerRecord) : list.length;
        const wrong = list.findIndex((r, i) => (r.record['#account_id'] !== undefined) !== i >= at);
        if (wrong >= 0) expect(list[wrong]!.line).toBe(`${kindOf(wrong >= at)} record`);
      }
    }
  });

  it('keeps user state consistent with events: adds sum to the events, levels never go down', () => {
    for (const list of users.values()) {
      let added = 0;
      let paid = 0;
      let level = -Infinity;
      for (const r of list) {
        const p = r.record.properties;
        if (r.record['#type'] === 'user_add') added += p.total_spent as number;
        if (r.record['#event_name'] === 'purchase') paid += p.price as number;
        if (r.record['#type'] === 'user_set' && typeof p.level === 'number') {
          expect(p.level).toBeGreaterThanOrEqual(level);
          level = p.level;
        }
      }
      expect(added).toBeCloseTo(paid, 6);
    }
  });

  it('keeps values that belong together: purchase price follows the product viewed', () => {
    const prices: Record<string, number> = { gem_small: 0.99, gem_big: 9.99, starter_pack: 4.99 };
    const purchases = tracks.filter((r) => r.record['#event_name'] === 'purchase');
    expect(purchases.length).toBeGreaterThan(0);
    for (const r of purchases) expect(r.record.properties.price).toBe(prices[r.record.properties.product_id as string]);
  });

  it('writes local times, per-user consistent presets and deterministic ids', () => {
    // Device presets come from blocks shared between users; each user's records must still
    // describe that user's one device, install and app version history.
    const perDevice = ['#os', '#os_version', '#device_model', '#device_type', '#manufacturer', '#screen_width', '#screen_height', '#system_language', '#carrier', '#network_type', '#lib', '#install_time'];
    const installs = new Set<string>();
    const countries = gameRules().countries.map((c) => c.country);
    for (const [id, list] of users) {
      const first = list.find((r) => r.record['#type'] === 'track')!;
      let version = '';
      for (const r of list) {
        if (r.record['#type'] !== 'track') continue;
        const p = r.record.properties;
        for (const k of perDevice) expect(p[k], `${id} ${k}`).toBe(first.record.properties[k]);
        expect(p['#device_id']).toBe(id);
        expect(r.record['#ip']).toBe(first.record['#ip']);
        expect(countries.some((c) => ipInCountry(r.record['#ip'] as string, c)), `${r.record['#ip']}`).toBe(true);
        expect(p['#zone_offset']).toBeTypeOf('number');
        const v = p['#app_version'] as string;
        expect(v.localeCompare(version, 'en', { numeric: true }), `${id} went from ${version} to ${v}`).toBeGreaterThanOrEqual(0);
        version = v;
      }
      const install = first.record.properties['#install_time'] as string;
      expect(install).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
      // Users who installed inside the range did so with their first session; older users before it.
      if (install >= START) expect(install).toBe(first.record['#time']);
      else expect((first.record['#time'] as string) > install).toBe(true);
      installs.add(install);
    }
    expect(installs.size).toBeGreaterThan(users.size * 0.9);
    const uuids = new Set(records.map((r) => r.record['#uuid']));
    expect(uuids.size).toBe(records.length);
    const paidAt = tracks.find((r) => r.record['#event_name'] === 'purchase')!.record.properties.paid_at as string;
    expect(paidAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  it('feeds the insights exactly what was written', () => {
    expect(insights.totals.events).toBe(tracks.length);
    expect(insights.totals.activeUsers).toBe(new Set(tracks.map((r) => r.record['#distinct_id'])).size);
    // DAU per local date, counted from the records themselves.
    const dau = new Map<number, Set<unknown>>();
    for (const r of tracks) {
      let set = dau.get(r.day);
      if (!set) dau.set(r.day, (set = new Set()));
      set.add(r.record['#distinct_id']);
    }
    expect(insights.daily.map((d) => d.dau)).toEqual(Array.from({ length: DAYS }, (_, d) => dau.get(d)?.size ?? 0));
    const counts: Record<string, number> = {};
    for (const r of tracks) counts[r.record['#event_name'] as string] = (counts[r.record['#event_name'] as string] ?? 0) + 1;
    for (const e of insights.topEvents) expect(e.count, e.name).toBe(counts[e.name]);
  });

  it('reports the funnel the records show, read per user in whole UTC seconds', () => {
    const funnel = gameTaxonomy().funnels[0]!;
    const reached = funnel.steps.map(() => 0);
    for (const list of users.values()) {
      const own = list.filter((r) => r.record['#type'] === 'track');
      const depth = funnelDepth(
        own.map((r) => r.record['#event_name'] as string),
        own.map((r) => Math.floor(utcOf(r) / 1000) * 1000),
        funnel.steps,
        funnel.windowHours * 3_600_000,
      );
      for (let k = 0; k < depth; k++) reached[k]!++;
    }
    const reported = insights.funnels.find((f) => f.name === funnel.name)!;
    expect(reported.steps.map((s) => s.users)).toEqual(reached);
    expect(reached[1]).toBeGreaterThan(0);
  });
});
