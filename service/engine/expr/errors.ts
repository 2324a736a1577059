/**
 * The one error type the expression language throws. It carries the 0-based offset in the formula so
 * a caller can point at the character (`price * * 2` → "at 8") when telling a user or a model what to fix.
 */
export class ExprError extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
    /** 0-based character offset in `source`. */
    readonly position: number,
  ) {
    super(`${reason} at position ${position + 1} of "${ExprError.clip(source)}"`);
    this.name = 'ExprError';
  }

  private static clip(source: string): string {
    return source.length > 80 ? `${source.slice(0, 77)}...` : source;
  }
}
