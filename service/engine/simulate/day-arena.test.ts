import { describe, expect, it } from 'vitest';
import { DayArena } from './day-arena.ts';

describe('DayArena', () => {
  it('keeps every entry when it grows past its first capacity, and starts over on reset', () => {
    const arena = new DayArena();
    const events = arena.times.length * 2 + 7;
    const sessions = arena.sessionStart.length * 3 + 1;
    for (let i = 0; i < events; i++) arena.addEvent(1_000 + i * 0.5, i % 97, i % 13);
    for (let i = 0; i < sessions; i++) arena.addSession(i * 10, i * 10 + 5);
    expect(arena.count).toBe(events);
    expect(arena.sessions).toBe(sessions);
    for (const i of [0, 1, 65_535, 65_536, 131_071, events - 1]) {
      expect([arena.times[i], arena.events[i], arena.session[i]]).toEqual([1_000 + i * 0.5, i % 97, i % 13]);
    }
    for (const i of [0, 8_191, 8_192, sessions - 1]) expect([arena.sessionStart[i], arena.sessionEnd[i]]).toEqual([i * 10, i * 10 + 5]);
    arena.reset();
    arena.addEvent(42, 3, 0);
    expect([arena.count, arena.sessions, arena.times[0], arena.events[0]]).toEqual([1, 0, 42, 3]);
  });
});
