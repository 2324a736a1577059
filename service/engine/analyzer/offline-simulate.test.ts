/**
 * Offline rules drive the real simulator: every record passes the TE validator, and the values the
 * analyzer tied together stay together in the output (the item bought is the item put in the cart,
 * payment carries its checkout's order id, user_add totals equal the payments, levels only rise,
 * common properties stay fixed per user).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { createRecordValidator } from '../../te/validate.ts';
import { generateRun } from '../index.ts';
import { analyzeOffline } from './offline.ts';
import { commerce, game } from './test-taxonomies.ts';

type TeRecord = { '#type': string; '#event_name'?: string; '#account_id'?: string; '#distinct_id'?: string; properties: Record<string, unknown> };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Small and fast: stated targets are dropped (calibration has its own tests and runs pilot
 * simulations) and the existing user base gets a short history.
 */
async function simulate(taxonomy: Taxonomy): Promise<TeRecord[]> {
  const t: Taxonomy = {
    ...taxonomy,
    product: { ...taxonomy.product, targets: {}, targetDau: undefined },
    funnels: taxonomy.funnels.map((f) => ({ ...f, stepConversion: [] })),
  };
  const rules = analyzeOffline(t);
  rules.acquisition.historyDays = 7;
  const outDir = mkdtempSync(join(tmpdir(), 'offline-rules-'));
  dirs.push(outDir);
  await generateRun({ taxonomy: t, rules, params: { startDate: '2026-03-02', days: 3, dau: 100, seed: 11, workers: 1 }, outDir });
  const dataDir = join(outDir, 'data');
  return readdirSync(dataDir)
    .sort()
    .flatMap((f) => readFileSync(join(dataDir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TeRecord));
}

/** Records per user in file order (a user's records are in time order), keyed by the guest id every record carries. */
function byUser(records: TeRecord[]): Map<string, TeRecord[]> {
  const out = new Map<string, TeRecord[]>();
  for (const r of records) {
    const id = r['#distinct_id'] ?? r['#account_id']!;
    out.set(id, [...(out.get(id) ?? []), r]);
  }
  return out;
}

describe('offline rules in the simulator', () => {
  it('keep a shop consistent: cart follows view, payment follows checkout, totals add up', async () => {
    const records = await simulate(commerce);
    const validator = createRecordValidator();
    expect(records.flatMap((r) => validator.validate(r)).slice(0, 5)).toEqual([]);
    let matched = 0;
    for (const list of byUser(records).values()) {
      let lastView: Record<string, unknown> | undefined;
      let lastCheckout: Record<string, unknown> | undefined;
      let paid = 0;
      let added = 0;
      for (const r of list) {
        const p = r.properties;
        if (r['#event_name'] === 'view_item') lastView = p;
        if (r['#event_name'] === 'add_to_cart' && lastView) {
          expect([p.product_id, p.price]).toEqual([lastView.product_id, lastView.price]);
        }
        if (r['#event_name'] === 'checkout') lastCheckout = p;
        if (r['#event_name'] === 'payment') {
          // Users of the existing base may have checked out before the range began.
          if (lastCheckout) {
            matched++;
            expect([p.order_id, p.amount]).toEqual([lastCheckout.order_id, lastCheckout.amount]);
          }
          paid += p.amount as number;
        }
        if (r['#type'] === 'user_add') added += (p.total_spent as number | undefined) ?? 0;
      }
      expect(added).toBeCloseTo(paid, 6);
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('keep a game consistent: levels only rise and level-ups report the new level', async () => {
    const records = await simulate(game);
    let levelUps = 0;
    const servers = new Set<unknown>();
    for (const list of byUser(records).values()) {
      // A common property describes the user: one server per user, from the allowed list.
      const own = new Set(list.filter((r) => r['#type'] === 'track').map((r) => r.properties.server));
      expect(own.size).toBe(1);
      servers.add([...own][0]);
      let level = -Infinity;
      for (const r of list) {
        if (r['#type'] === 'user_set' && typeof r.properties.level === 'number') {
          expect(r.properties.level).toBeGreaterThan(level);
          level = r.properties.level;
        }
        if (r['#event_name'] === 'level_up') {
          levelUps++;
          expect(r.properties.level).toBe(level === -Infinity ? r.properties.level : level + 1);
        }
      }
    }
    expect(levelUps).toBeGreaterThan(0);
    expect([...servers].sort()).toEqual(['asia-1', 'asia-2']);
  });
});
