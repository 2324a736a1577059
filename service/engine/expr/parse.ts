/**
 * Tokens → syntax tree, by recursive descent. Precedence, loosest first:
 * `?:`, `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* / %`, unary `- !`, then literals, names, calls
 * and parentheses. Nesting is capped so no input can exhaust the stack.
 */
import type { BinaryOp, ExprNode, ParsedFormula } from './ast.ts';
import { ExprError } from './errors.ts';
import { tokenize, type Token } from './tokenize.ts';

/** Deepest nesting of the tree; far above any real formula, far below the JS stack. */
export const MAX_DEPTH = 64;

const KEYWORDS: Record<string, boolean | null> = { true: true, false: false, null: null };

export function parseFormula(source: string): ParsedFormula {
  return new Parser(source).formula();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  formula(): ParsedFormula {
    const first = this.tokens[0]!;
    const second = this.tokens[1];
    let target: ParsedFormula['target'];
    if (first.kind === 'name' && second?.kind === 'op' && second.text === '=') {
      target = { name: first.text, pos: first.pos };
      this.index = 2;
    }
    if (this.peek().kind === 'end') throw this.error('formula is empty', this.peek());
    const body = this.expression();
    const rest = this.peek();
    if (rest.kind === 'op' && rest.text === '=') throw this.error('unexpected "=" (use == to compare; only "name = formula" may assign)', rest);
    if (rest.kind !== 'end') throw this.error(`unexpected ${describe(rest)} after a complete expression`, rest);
    return target ? { target, body } : { body };
  }

  private expression(): ExprNode {
    this.enter();
    const test = this.logical('||');
    let node = test;
    if (this.isOp('?')) {
      this.index++;
      const then = this.expression();
      this.expectOp(':', 'to separate the two branches of "?"');
      const otherwise = this.expression();
      node = { kind: 'conditional', test, then, otherwise, pos: test.pos };
    }
    this.depth--;
    return node;
  }

  private logical(op: '||' | '&&'): ExprNode {
    const next = () => (op === '||' ? this.logical('&&') : this.binary(0));
    let left = next();
    while (this.isOp(op)) {
      this.index++;
      left = { kind: 'logical', op, left, right: next(), pos: left.pos };
      this.checkDepth(left);
    }
    return left;
  }

  private binary(level: number): ExprNode {
    const ops = LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (let t = this.peek(); t.kind === 'op' && (ops as readonly string[]).includes(t.text); t = this.peek()) {
      this.index++;
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: this.binary(level + 1), pos: left.pos };
      this.checkDepth(left);
    }
    return left;
  }

  private unary(): ExprNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '!' || t.text === '+')) {
      this.index++;
      this.enter();
      const arg = this.unary();
      this.depth--;
      if (t.text === '+') return arg;
      if (t.text === '-' && arg.kind === 'literal' && typeof arg.value === 'number') {
        return { kind: 'literal', value: -arg.value, pos: t.pos };
      }
      return { kind: 'unary', op: t.text, arg, pos: t.pos };
    }
    return this.primary();
  }

  private primary(): ExprNode {
    const t = this.peek();
    this.index++;
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: t.value!, pos: t.pos };
      case 'string':
        return { kind: 'literal', value: t.text, pos: t.pos };
      case 'name': {
        if (Object.hasOwn(KEYWORDS, t.text)) return { kind: 'literal', value: KEYWORDS[t.text]!, pos: t.pos };
        if (this.isOp('(')) return this.call(t);
        return { kind: 'ref', name: t.text, pos: t.pos };
      }
      case 'op':
        if (t.text === '(') {
          const inner = this.expression();
          this.expectOp(')', 'to close the "(" at position ' + (t.pos + 1));
          return inner;
        }
        if (t.text === '=') throw this.error('unexpected "=" (use == to compare; only "name = formula" may assign)', t);
        throw this.error(`unexpected ${describe(t)}; expected a number, a string, a name or "("`, t);
      case 'end':
        throw this.error('formula ends too early; expected a value', t);
    }
  }

  private call(name: Token): ExprNode {
    this.index++; // "("
    this.enter();
    const args: ExprNode[] = [];
    if (!this.isOp(')')) {
      args.push(this.expression());
      while (this.isOp(',')) {
        this.index++;
        args.push(this.expression());
      }
    }
    this.expectOp(')', `to close the call to ${name.text}()`);
    this.depth--;
    return { kind: 'call', name: name.text, args, pos: name.pos };
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw this.error(`formula nests deeper than ${MAX_DEPTH} levels; simplify it`, this.peek());
  }

  /** Long left-leaning chains (`a+a+a+…`) are deep trees too; evaluation recurses over them. */
  private checkDepth(node: ExprNode): void {
    if (treeDepth(node) > MAX_DEPTH) throw this.error(`formula nests deeper than ${MAX_DEPTH} levels; simplify it`, this.peek());
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private expectOp(text: string, why: string): void {
    const t = this.peek();
    if (!this.isOp(text)) throw this.error(`expected "${text}" ${why}, found ${describe(t)}`, t);
    this.index++;
  }

  private error(reason: string, at: Token): ExprError {
    return new ExprError(reason, this.source, at.pos);
  }
}

const LEVELS = [['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']] as const;

const depthCache = new WeakMap<ExprNode, number>();

function treeDepth(node: ExprNode): number {
  const cached = depthCache.get(node);
  if (cached !== undefined) return cached;
  let d = 1;
  if (node.kind === 'binary' || node.kind === 'logical') d = 1 + Math.max(treeDepth(node.left), treeDepth(node.right));
  else if (node.kind === 'unary') d = 1 + treeDepth(node.arg);
  else if (node.kind === 'conditional') d = 1 + Math.max(treeDepth(node.test), treeDepth(node.then), treeDepth(node.otherwise));
  else if (node.kind === 'call') d = 1 + Math.max(0, ...node.args.map(treeDepth));
  depthCache.set(node, d);
  return d;
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the formula';
  if (t.kind === 'string') return `string "${t.text}"`;
  return `"${t.text}"`;
}
