/** The parsed shape of a formula. `pos` is the 0-based offset of the node's first character. */
export type ExprValue = number | string | boolean | null;

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ExprNode =
  | { kind: 'literal'; value: ExprValue; pos: number }
  | { kind: 'ref'; name: string; pos: number }
  | { kind: 'unary'; op: '-' | '!'; arg: ExprNode; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode; pos: number }
  | { kind: 'logical'; op: '&&' | '||'; left: ExprNode; right: ExprNode; pos: number }
  | { kind: 'conditional'; test: ExprNode; then: ExprNode; otherwise: ExprNode; pos: number }
  | { kind: 'call'; name: string; args: ExprNode[]; pos: number };

/** `xp = level * 100` names the property it computes; a bare expression does not. */
export interface ParsedFormula {
  target?: { name: string; pos: number };
  body: ExprNode;
}
