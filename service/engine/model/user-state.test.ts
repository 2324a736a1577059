import { describe, expect, it } from 'vitest';
import { hasDone, markDone, type SimUser } from './user-state.ts';

describe('gate bits', () => {
  it('keeps every gate apart, in the first word and beyond it', () => {
    const user = { gates: 0, moreGates: null } as SimUser;
    const marked = [0, 1, 30, 31, 32, 61, 62, 200];
    for (const g of marked) markDone(user, g);
    for (let g = 0; g < 240; g++) expect(hasDone(user, g), `gate ${g}`).toBe(marked.includes(g));
    // Small integers throughout, so the fields never turn into boxed numbers.
    expect(user.gates).toBe(2 ** 0 + 2 ** 1 + 2 ** 30);
    expect(user.moreGates!.every((w) => w === undefined || (w | 0) === w)).toBe(true);
  });
});
