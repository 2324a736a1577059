import { describe, expect, it } from 'vitest';
import { partOf, partsFor, partsOfShard, rosterSize, shardSize, type Roster } from './roster.ts';

describe('parts', () => {
  it('give every part to exactly one worker, and shardSize counts exactly its users', () => {
    for (const total of [0, 1, 2, 7, 100, 1001]) {
      const roster: Roster = { firstDay: -3, counts: [total - Math.floor(total / 2), Math.floor(total / 2)] };
      expect(rosterSize(roster)).toBe(total);
      for (const parts of [1, 5, 64]) {
        for (const shards of [1, 2, 3, 8]) {
          const owners = new Array<number>(parts).fill(0);
          for (let shard = 0; shard < shards; shard++) {
            const own = new Set(partsOfShard(parts, shard, shards));
            for (const p of own) owners[p]!++;
            let members = 0;
            for (let i = 0; i < total; i++) if (own.has(partOf(i, parts))) members++;
            expect(shardSize(roster, parts, shard, shards), `${total} users, ${parts} parts, shard ${shard}/${shards}`).toBe(members);
          }
          expect(owners.every((n) => n === 1)).toBe(true);
        }
      }
    }
  });

  it('follow the DAU, within bounds', () => {
    expect([partsFor(1), partsFor(600), partsFor(10_000), partsFor(20_000), partsFor(5_000_000)]).toEqual([4, 4, 63, 125, 4096]);
  });
});
