/**
 * The two providers' HTTP shapes, as the official SDKs read them (checked against
 * @anthropic-ai/sdk and openai in node_modules): bodies, error objects and usage fields.
 */
import type { AiRequest } from './script.ts';

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((b: { type?: string; text?: string }) => (b && b.type === 'text' ? (b.text ?? '') : '')).join('\n');
  }
  return '';
}

type Body = Record<string, unknown>;

export function parseAnthropicRequest(body: Body, headers: AiRequest['headers']): AiRequest {
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
  const tools = (body.tools as { name: string; input_schema: unknown }[] | undefined) ?? [];
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  const tool = tools.find((t) => t.name === choice?.name) ?? tools[0];
  return {
    api: 'anthropic',
    model: String(body.model ?? ''),
    system: contentText(body.system),
    user: messages.filter((m) => m.role === 'user').map((m) => contentText(m.content)).join('\n'),
    schemaName: tool?.name ?? '',
    schema: tool?.input_schema,
    headers,
    body,
  };
}

export function parseOpenAiRequest(body: Body, headers: AiRequest['headers']): AiRequest {
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
  const format = body.response_format as { json_schema?: { name?: string; schema?: unknown } } | undefined;
  return {
    api: 'openai',
    model: String(body.model ?? ''),
    system: messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => contentText(m.content)).join('\n'),
    user: messages.filter((m) => m.role === 'user').map((m) => contentText(m.content)).join('\n'),
    schemaName: format?.json_schema?.name ?? '',
    schema: format?.json_schema?.schema,
    headers,
    body,
  };
}

export function usageOf(req: AiRequest, outputText: string) {
  return { input: estimateTokens(req.system) + estimateTokens(req.user), output: estimateTokens(outputText) };
}

let serial = 0;
const nextId = () => (++serial).toString(36).padStart(8, '0');

export function anthropicMessage(req: AiRequest, content: Body[], stopReason: string, outputText: string): Body {
  const u = usageOf(req, outputText);
  return {
    id: `msg_${nextId()}`,
    type: 'message',
    role: 'assistant',
    model: req.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: u.input, output_tokens: u.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

export function anthropicToolUse(req: AiRequest, input: unknown, stopReason = 'tool_use'): Body {
  return anthropicMessage(req, [{ type: 'tool_use', id: `toolu_${nextId()}`, name: req.schemaName, input }], stopReason, JSON.stringify(input));
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export function anthropicError(status: number, message: string): Body {
  return { type: 'error', error: { type: ANTHROPIC_ERROR_TYPES[status] ?? 'api_error', message }, request_id: `req_${nextId()}` };
}

export function openAiCompletion(
  req: AiRequest,
  message: Body,
  finishReason: string,
  outputText: string,
): Body {
  const u = usageOf(req, outputText);
  return {
    id: `chatcmpl-${nextId()}`,
    object: 'chat.completion',
    created: 0,
    model: req.model,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
  };
}

export function openAiError(status: number, message: string): Body {
  const type = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null;
  return { error: { message, type, param: null, code } };
}
