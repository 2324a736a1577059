/** Formula text → tokens. Every token keeps its offset so later errors can point at it. */
import { ExprError } from './errors.ts';

export type TokenKind = 'number' | 'string' | 'name' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  /** Operator or name text, the decoded string, or the number's source text. */
  text: string;
  value?: number;
  pos: number;
}

/** Formulas are short; a cap keeps work bounded whatever an AI or a user sends. */
export const MAX_FORMULA_LENGTH = 2000;

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '=', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ','];

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '#' || c === '$';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c) || c === '.';

export function tokenize(source: string): Token[] {
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new ExprError(`formula is longer than ${MAX_FORMULA_LENGTH} characters`, source, MAX_FORMULA_LENGTH);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      i = readNumber(source, i, tokens);
    } else if (c === '"' || c === "'") {
      i = readString(source, i, tokens);
    } else if (isNameStart(c)) {
      const start = i;
      while (i < source.length && isNamePart(source[i]!)) i++;
      const text = source.slice(start, i);
      if (text.endsWith('.')) throw new ExprError(`name "${text}" ends with a dot`, source, i - 1);
      tokens.push({ kind: 'name', text, pos: start });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        const hint = c === '&' || c === '|' ? ` (use ${c}${c})` : '';
        throw new ExprError(`unexpected character "${c}"${hint}`, source, i);
      }
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(start, start + 64));
  const text = match![0];
  const end = start + text.length;
  if (isNameStart(source[end] ?? '')) throw new ExprError(`a number cannot run into a name ("${text}${source[end]}")`, source, end);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ExprError(`number ${text} is too large`, source, start);
  tokens.push({ kind: 'number', text, value, pos: start });
  return end;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start]!;
  let out = '';
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\' && source[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (source[i] === '\\') {
      const escaped = ESCAPES[source[i + 1] ?? ''];
      if (escaped === undefined) throw new ExprError('unknown escape in string (use \\\\, \\n, \\t, \\", \\\' or \\uXXXX)', source, i);
      out += escaped;
      i += 2;
    } else {
      out += source[i];
      i++;
    }
  }
  if (i >= source.length) throw new ExprError(`string is not closed (missing ${quote})`, source, start);
  tokens.push({ kind: 'string', text: out, pos: start });
  return i + 1;
}
