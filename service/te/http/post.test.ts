import { describe, expect, it } from 'vitest';
import { receiverBase } from './post.ts';

describe('receiverBase', () => {
  it("drops TE's own paths and keeps a proxy prefix", () => {
    expect(receiverBase('https://te.example.com/sync_server')).toBe('https://te.example.com');
    expect(receiverBase('http://127.0.0.1:8991/')).toBe('http://127.0.0.1:8991');
    expect(receiverBase('https://h/proxy/te/logbus/')).toBe('https://h/proxy/te');
  });
});
