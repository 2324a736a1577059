/**
 * Merges the shards' time-ordered record streams of one day into its file by the total order
 * (UTC time, user index). Each user lives in exactly one shard, so equal keys never come from two
 * shards and the result is the same bytes for any number of workers.
 */
import type { DayFile } from './day-file.ts';
import type { ShardChannel } from './shard-channel.ts';

export async function mergeDay(day: number, shards: ShardChannel[], out: DayFile, signal?: AbortSignal): Promise<void> {
  const live: ShardChannel[] = [];
  for (const s of shards) if (await s.ready(day)) live.push(s);
  while (live.length > 0) {
    signal?.throwIfAborted();
    if (live.length === 1) {
      const s = live[0]!;
      const c = s.chunk!;
      out.append(s.bytes, c.ends, s.next, c.ends.length);
      s.next = c.ends.length;
      if (!(await s.ready(day))) live.pop();
      continue;
    }
    // Pick the shard with the smallest head, then take its run of records below every other head.
    let best = 0;
    for (let i = 1; i < live.length; i++) if (headLess(live[i]!, live[best]!)) best = i;
    const s = live[best]!;
    let limitT = Infinity;
    let limitU = Infinity;
    for (let i = 0; i < live.length; i++) {
      if (i === best) continue;
      const o = live[i]!;
      const t = o.chunk!.times[o.next]!;
      const u = o.chunk!.users[o.next]!;
      if (t < limitT || (t === limitT && u < limitU)) {
        limitT = t;
        limitU = u;
      }
    }
    const c = s.chunk!;
    const from = s.next;
    let to = from + 1;
    const n = c.ends.length;
    while (to < n) {
      const t = c.times[to]!;
      if (t > limitT || (t === limitT && c.users[to]! > limitU)) break;
      to++;
    }
    out.append(s.bytes, c.ends, from, to);
    s.next = to;
    if (to >= n && !(await s.ready(day))) live.splice(best, 1);
  }
}

function headLess(a: ShardChannel, b: ShardChannel): boolean {
  const ta = a.chunk!.times[a.next]!;
  const tb = b.chunk!.times[b.next]!;
  return ta < tb || (ta === tb && a.chunk!.users[a.next]! < b.chunk!.users[b.next]!);
}
