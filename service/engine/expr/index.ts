/** A small, safe expression language for rule formulas: `xp = level * 100 + randInt(0, 50)`. */
export type { ExprValue } from './ast.ts';
export { ExprError } from './errors.ts';
export { FUNCTIONS, type Rng, type StaticType } from './functions.ts';
export { compileFormula, type CompiledFormula, type CompileOptions, type KnownNames, type Scope } from './compile.ts';
export { MAX_DEPTH } from './parse.ts';
export { MAX_FORMULA_LENGTH } from './tokenize.ts';
