import { describe, expect, it } from 'vitest';
import { parseSse, readSse } from './sse.ts';

describe('server-sent events', () => {
  it('parses complete messages and keeps the incomplete rest', () => {
    const { messages, rest } = parseSse('event: progress\ndata: {"a":1}\nid: 3\n\n: comment\n\ndata: line1\ndata: line2\n\nevent: end\ndata: {');
    expect(messages).toEqual([
      { event: 'progress', data: '{"a":1}', id: '3' },
      { event: 'message', data: 'line1\nline2' },
    ]);
    expect(rest).toBe('event: end\ndata: {');
  });

  it('reads a stream split at arbitrary points, CRLF included', async () => {
    const text = 'event: progress\r\ndata: {"status":"generating"}\r\n\r\nevent: end\r\ndata: {"status":"sent"}\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const seen = [];
    for await (const m of readSse(body)) seen.push(m);
    expect(seen.map((m) => [m.event, JSON.parse(m.data).status])).toEqual([['progress', 'generating'], ['end', 'sent']]);
  });
});
