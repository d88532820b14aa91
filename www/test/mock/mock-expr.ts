// A tiny expression evaluator for the mock functional lab: numbers, named variables, + − * / ^,
// unary minus, parentheses and a few functions. Parse errors carry a character span like the
// Rust parser's, so the page's error display can be exercised without the wasm module.

export class MockExprError extends Error {
  constructor(message: string, readonly span: [number, number]) {
    super(message);
  }
}

type Node = (env: Record<string, number>) => number;

const FUNCS: Record<string, (v: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, sqrt: Math.sqrt, tanh: Math.tanh,
  ln: Math.log, log: Math.log, abs: Math.abs, cosh: Math.cosh, sinh: Math.sinh,
};
const CONSTS: Record<string, number> = { pi: Math.PI, e: Math.E };

/** Compiles `text` over the variables `vars`; throws MockExprError with a span. */
export function compile(text: string, vars: string[]): Node {
  const tokens: { t: string; at: number }[] = [];
  const re = /\s*(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z_0-9]*|\S)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[1] !== undefined) tokens.push({ t: m[1], at: m.index + m[0].length - m[1].length });
  let i = 0;
  const end = text.length;
  const peek = () => tokens[i]?.t;
  const fail = (what: string): never => {
    const tok = tokens[i];
    throw new MockExprError(what, tok ? [tok.at, tok.at + tok.t.length] : [end, end]);
  };
  const expr = (): Node => {
    let left = term();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++]!.t, a = left, b = term();
      left = op === "+" ? (e) => a(e) + b(e) : (e) => a(e) - b(e);
    }
    return left;
  };
  const term = (): Node => {
    let left = unary();
    while (peek() === "*" || peek() === "/") {
      const op = tokens[i++]!.t, a = left, b = unary();
      left = op === "*" ? (e) => a(e) * b(e) : (e) => a(e) / b(e);
    }
    return left;
  };
  const unary = (): Node => {
    if (peek() === "-") {
      i++;
      const a = unary();
      return (e) => -a(e);
    }
    return power();
  };
  const power = (): Node => {
    const base = atom();
    if (peek() !== "^") return base;
    i++;
    const exp = unary();
    return (e) => Math.pow(base(e), exp(e));
  };
  const atom = (): Node => {
    const tok = tokens[i];
    if (!tok) return fail("expected a number, a variable or '(' at the end");
    if (/^[\d.]/.test(tok.t)) {
      i++;
      const v = Number(tok.t);
      return () => v;
    }
    if (tok.t === "(") {
      i++;
      const inner = expr();
      if (peek() !== ")") fail("expected ')'");
      i++;
      return inner;
    }
    if (/^[A-Za-z_]/.test(tok.t)) {
      i++;
      const f = FUNCS[tok.t];
      if (f) {
        if (peek() !== "(") fail(`expected '(' after ${tok.t}`);
        const arg = atom();
        return (e) => f(arg(e));
      }
      if (tok.t in CONSTS) {
        const v = CONSTS[tok.t]!;
        return () => v;
      }
      if (vars.includes(tok.t)) return (e) => e[tok.t]!;
      i--;
      return fail(`unknown name '${tok.t}'`);
    }
    return fail(`unexpected '${tok.t}'`);
  };
  if (tokens.length === 0) throw new MockExprError("the expression is empty", [0, 0]);
  const root = expr();
  if (i < tokens.length) fail(`unexpected '${tokens[i]!.t}'`);
  return root;
}
