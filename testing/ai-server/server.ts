/**
 * A local stand-in for the Anthropic Messages API and OpenAI Chat Completions, for tests and manual
 * runs. Point the real SDKs at it by base URL: Anthropic at `url`, OpenAI at `url + '/v1'`.
 *
 * Each request takes the next scripted answer from the queue, or the smart answer when the queue is
 * empty. Every request is recorded so tests can count calls and read prompts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AiRequest, Scripted, SmartHandler } from './script.ts';
import {
  anthropicError,
  anthropicMessage,
  anthropicToolUse,
  openAiCompletion,
  openAiError,
  parseAnthropicRequest,
  parseOpenAiRequest,
} from './wire.ts';

export interface AiServerOptions {
  host?: string;
  port?: number;
  /** Smart answers by schema name; requests for other schemas get a 400 in the provider's shape. */
  smart?: Record<string, SmartHandler>;
}

export interface AiServer {
  url: string;
  anthropicBaseURL: string;
  openaiBaseURL: string;
  /** Every request received, in order (including ones answered with errors). */
  readonly requests: AiRequest[];
  enqueue(...answers: Scripted[]): void;
  /** Forget queued answers and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const BROKEN_JSON = '{"answer": [ {"name": "oops", ';

export async function startAiServer(options: AiServerOptions = {}): Promise<AiServer> {
  const queue: Scripted[] = [];
  const requests: AiRequest[] = [];
  const sockets = new Set<Socket>();
  const smart = options.smart ?? {};

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(err), type: 'server_error' } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path?.startsWith('/__admin/')) return admin(req, res, path);
    const api = path === '/v1/messages' ? 'anthropic' : path === '/v1/chat/completions' ? 'openai' : undefined;
    if (req.method !== 'POST' || !api) {
      send(res, 404, { error: { message: `No route ${req.method} ${path}`, type: 'not_found_error' } });
      return;
    }
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, api === 'anthropic' ? anthropicError(400, 'Body is not JSON.') : openAiError(400, 'Body is not JSON.'));
      return;
    }
    const parsed = api === 'anthropic' ? parseAnthropicRequest(body, req.headers) : parseOpenAiRequest(body, req.headers);
    requests.push(parsed);
    // Anthropic's SDK sends `x-api-key` in older releases and `Authorization: Bearer` in this one.
    const bearer = /^Bearer \S+/.test(String(req.headers.authorization ?? ''));
    const authorised = bearer || (api === 'anthropic' && !!req.headers['x-api-key']);
    if (!authorised) {
      const message = 'Missing API key.';
      send(res, 401, api === 'anthropic' ? anthropicError(401, message) : openAiError(401, message));
      return;
    }
    await answer(parsed, queue.shift() ?? { kind: 'smart' }, res);
  }

  /**
   * For tests in another process (the browser test, manual runs): GET /__admin/requests counts
   * and lists requests; POST /__admin/enqueue takes a JSON array of scripted answers (no
   * functions); POST /__admin/reset forgets both.
   */
  async function admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'GET' && path === '/__admin/requests') {
      send(res, 200, { count: requests.length, requests: requests.map((r) => ({ api: r.api, model: r.model, schemaName: r.schemaName })) });
    } else if (req.method === 'POST' && path === '/__admin/enqueue') {
      let answers: unknown;
      try {
        answers = JSON.parse(await readBody(req));
      } catch {
        answers = undefined;
      }
      const kinds = new Set(['smart', 'answer', 'malformed', 'truncated', 'tool_call', 'error', 'delay']);
      if (!Array.isArray(answers) || !answers.every((a) => a && typeof a === 'object' && kinds.has((a as { kind?: string }).kind ?? ''))) {
        send(res, 400, { error: { message: `Expected a JSON array of scripted answers with kind in ${[...kinds].join(', ')}.` } });
        return;
      }
      queue.push(...(answers as Scripted[]));
      send(res, 200, { queued: queue.length });
    } else if (req.method === 'POST' && path === '/__admin/reset') {
      queue.length = 0;
      requests.length = 0;
      send(res, 200, { ok: true });
    } else send(res, 404, { error: { message: `No admin route ${req.method} ${path}` } });
  }

  async function answer(req: AiRequest, script: Scripted, res: ServerResponse): Promise<void> {
    const anthropic = req.api === 'anthropic';
    switch (script.kind) {
      case 'delay': {
        const closed = await waitOrClose(res, script.ms);
        if (!closed) await answer(req, script.then ?? { kind: 'smart' }, res);
        return;
      }
      case 'error': {
        const headers: Record<string, string> = {};
        if (script.retryAfter !== undefined) headers['retry-after'] = script.retryAfter;
        // Stop the SDKs' own retry logic from second-guessing ours.
        headers['x-should-retry'] = 'false';
        const message = script.message ?? (script.status === 429 ? 'Rate limit exceeded.' : 'Internal server error.');
        send(res, script.status, anthropic ? anthropicError(script.status, message) : openAiError(script.status, message), headers);
        return;
      }
      case 'malformed':
        send(
          res,
          200,
          anthropic
            ? anthropicMessage(req, [{ type: 'text', text: `Here is the answer: ${BROKEN_JSON}` }], 'end_turn', BROKEN_JSON)
            : openAiCompletion(req, { content: BROKEN_JSON }, 'stop', BROKEN_JSON),
        );
        return;
      case 'truncated':
        send(
          res,
          200,
          anthropic ? anthropicToolUse(req, {}, 'max_tokens') : openAiCompletion(req, { content: BROKEN_JSON }, 'length', BROKEN_JSON),
        );
        return;
      case 'answer':
      case 'smart':
      case 'tool_call': {
        let data: unknown;
        if (script.kind === 'answer') data = script.data;
        else {
          const handler = smart[req.schemaName];
          if (!handler) {
            const message = `The local AI server has no smart answer for '${req.schemaName}'.`;
            send(res, 400, anthropic ? anthropicError(400, message) : openAiError(400, message));
            return;
          }
          data = handler(req);
          if (script.kind === 'smart' && script.mutate) data = script.mutate(data, req);
        }
        const text = JSON.stringify(data);
        if (anthropic) send(res, 200, anthropicToolUse(req, data));
        else if (script.kind === 'tool_call') {
          const call = { id: 'call_1', type: 'function', function: { name: req.schemaName, arguments: text } };
          send(res, 200, openAiCompletion(req, { content: null, tool_calls: [call] }, 'tool_calls', text));
        } else send(res, 200, openAiCompletion(req, { content: text }, 'stop', text));
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    anthropicBaseURL: url,
    openaiBaseURL: `${url}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_local`, ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves true when the client went away before `ms` passed (it timed out or cancelled). */
function waitOrClose(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    function onClose() {
      clearTimeout(timer);
      resolve(true);
    }
    res.on('close', onClose);
  });
}
