/**
 * Server-sent events over fetch. EventSource cannot send an Authorization header, and the service
 * authenticates every route with a bearer token, so the stream is read and parsed here.
 */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Parses complete messages out of `buffer`; returns them and the unparsed rest. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n'), ...(id === undefined ? {} : { id }) });
  }
  return { messages, rest };
}

/** Yields each message of a `text/event-stream` body until it ends. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const { messages, rest } = parseSse(buffer);
      buffer = rest;
      yield* messages;
    }
    const { messages } = parseSse(`${buffer}\n\n`);
    yield* messages;
  } finally {
    reader.releaseLock();
  }
}
