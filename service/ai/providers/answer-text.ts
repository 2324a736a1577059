/** Structured answers that arrive as text (OpenAI content, compatible servers) parsed into JSON. */
import { AiError, type TokenUsage } from '../provider.ts';

export function parseJsonAnswer(text: string, usage: TokenUsage): unknown {
  // Compatible servers sometimes wrap JSON in a Markdown fence despite the response format.
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  const body = fenced ? fenced[1]! : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AiError('malformed', `The model's answer is not valid JSON (${reason}).`, undefined, usage);
  }
}
