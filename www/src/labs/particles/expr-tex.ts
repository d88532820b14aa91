// A typed log-density as TeX for KaTeX. The lab sends the expression as the core printed it back
// (crate/src/expr/print.rs: canonical spacing, parentheses only where needed, non-atomic exponents
// in parentheses), so a token-level rewrite is enough: exponents in braces, function names as
// operators, sqrt and abs as their signs, products by juxtaposition. Anything unexpected is kept
// as it is; the result only ever reaches KaTeX (trust off), never HTML.

const FUNCTIONS: Record<string, string> = {
  sin: "\\sin", cos: "\\cos", tan: "\\tan", exp: "\\exp", ln: "\\ln", log: "\\ln",
  tanh: "\\tanh", sinh: "\\sinh", cosh: "\\cosh", atan: "\\arctan", sign: "\\operatorname{sign}",
};
const CONSTANTS: Record<string, string> = { pi: "\\pi" };

type Token = { kind: "num" | "name" | "op" | "open" | "close"; text: string };

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|([()])|(\S))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[0] !== "") {
    if (m[1] !== undefined) out.push({ kind: "num", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "name", text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: m[3] === "(" ? "open" : "close", text: m[3] });
    else out.push({ kind: "op", text: m[4]! });
  }
  return out;
}

/** 1e-7 → 1 \times 10^{-7}; plain decimals as they are. */
function texNumber(t: string): string {
  const m = /^([\d.]+)e([+-]?\d+)$/.exec(t);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : t;
}

class Reader {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  /** Everything: sequences, and any unmatched ")" between them kept as text. */
  all(): string {
    const parts = [this.sequence()];
    while (this.i < this.toks.length) {
      this.i++;
      parts.push(")", this.sequence());
    }
    return parts.join(" ").replace(/\s+/g, " ").trim();
  }

  /** A sequence up to an unmatched ")" or the end. */
  sequence(): string {
    let out = "";
    let prevNumber = false;
    while (this.i < this.toks.length && this.toks[this.i]!.kind !== "close") {
      const t = this.toks[this.i]!;
      if (t.kind === "op") {
        this.i++;
        if (t.text === "*") {
          // Juxtaposition, except between two numbers (2·3 must not read as 23).
          out += this.toks[this.i]?.kind === "num" && prevNumber ? " \\cdot " : " \\, ";
        } else out += t.text === "-" || t.text === "+" ? ` ${t.text} ` : t.text;
        prevNumber = false;
        continue;
      }
      prevNumber = this.peekIsNumberOperand();
      out += this.operand();
    }
    return out.replace(/\s+/g, " ").trim();
  }

  private peekIsNumberOperand(): boolean {
    return this.toks[this.i]?.kind === "num" && this.toks[this.i + 1]?.text !== "^";
  }

  /** primary [^ operand]: powers are right-associative. */
  private operand(): string {
    const base = this.primary();
    if (this.toks[this.i]?.text !== "^") return base;
    this.i++;
    return `${base}^{${this.exponent()}}`;
  }

  /** An exponent: its parentheses are only there for the text form, braces replace them. */
  private exponent(): string {
    if (this.toks[this.i]?.kind === "open") {
      const inner = this.group();
      if (this.toks[this.i]?.text !== "^") return inner;
      this.i++;
      return `(${inner})^{${this.exponent()}}`;
    }
    return this.operand();
  }

  /** "(" sequence ")", returning the inside. */
  private group(): string {
    this.i++;
    const inner = this.sequence();
    if (this.toks[this.i]?.kind === "close") this.i++;
    return inner;
  }

  private primary(): string {
    const t = this.toks[this.i];
    if (!t) return "";
    if (t.kind === "open") return `\\left(${this.group()}\\right)`;
    this.i++;
    if (t.kind === "num") return texNumber(t.text);
    if (t.kind === "close") return ")";
    const call = this.toks[this.i]?.kind === "open";
    if (!call) return CONSTANTS[t.text] ?? (t.text.length > 1 ? `\\mathrm{${t.text}}` : t.text);
    const arg = this.group();
    if (t.text === "sqrt") return `\\sqrt{${arg}}`;
    if (t.text === "abs") return `\\left|${arg}\\right|`;
    return `${FUNCTIONS[t.text] ?? `\\operatorname{${t.text}}`}\\left(${arg}\\right)`;
  }
}

/** The TeX of an expression in the core's printed form. */
export function exprTex(text: string): string {
  return new Reader(tokenize(text)).all() || text;
}
