import { describe, expect, it } from 'vitest';
import { inShard, rosterSize, shardSize, type Roster } from './roster.ts';

describe('shardSize', () => {
  it('counts exactly the users inShard gives each shard', () => {
    for (const total of [0, 1, 2, 7, 100, 1001]) {
      const roster: Roster = { firstDay: -3, counts: [total - Math.floor(total / 2), Math.floor(total / 2)] };
      expect(rosterSize(roster)).toBe(total);
      for (const shards of [1, 2, 3, 8]) {
        for (let shard = 0; shard < shards; shard++) {
          let members = 0;
          for (let i = 0; i < total; i++) if (inShard(i, shard, shards)) members++;
          expect(shardSize(roster, shard, shards), `${total} users, shard ${shard}/${shards}`).toBe(members);
        }
      }
    }
  });
});
