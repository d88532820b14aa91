//! Tree → flat register tape. Each instruction reads variables, constants or registers and
//! writes a register that none of its operands uses (so the block evaluator can borrow the
//! destination mutably next to its inputs). Registers are recycled once read, so the tape needs
//! about as many registers as the tree is deep, and their blocks stay in cache.
//!
//! The tape performs exactly the operations of `Expr::eval`, in the same order; the two agree
//! bit for bit, which the property tests check.

use super::ast::{Expr, ExprKind, Func};
use super::error::{ExprError, Span};
use super::eval::int_exponent;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Src {
    Reg(u32),
    Var(u32),
    Const(u32),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Neg(Src),
    Add(Src, Src),
    Sub(Src, Src),
    Mul(Src, Src),
    Div(Src, Src),
    Pow(Src, Src),
    Call(Func, Src),
}

/// What the user wrote that this instruction implements, for error messages: a `Mul` from
/// `x^5` overflowing is an "overflow in power", not in a multiplication the user never typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Written,
    Power,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Instr {
    pub op: Op,
    pub dst: u32,
    pub span: Span,
    pub origin: Origin,
}

/// A compiled expression: evaluate it with `eval`, `eval_batch` or `check_batch` (see vm.rs).
#[derive(Clone, Debug)]
pub struct Compiled {
    pub(crate) code: Vec<Instr>,
    pub(crate) consts: Vec<f64>,
    pub(crate) n_regs: usize,
    pub(crate) result: Src,
    pub(crate) vars: Vec<String>,
    pub(crate) span: Span,
}

impl Compiled {
    /// Variable names in the order `eval` and `eval_batch` expect their values.
    pub fn vars(&self) -> &[String] {
        &self.vars
    }

    /// Number of instructions (a cost measure).
    pub fn len(&self) -> usize {
        self.code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }
}

impl Expr {
    /// Compile for evaluation with values given in the order of `vars`. Fails (with the span
    /// of the first occurrence) if the expression uses a variable not in `vars`.
    pub fn compile(&self, vars: &[&str]) -> Result<Compiled, ExprError> {
        let mut g = Gen {
            vars,
            code: Vec::new(),
            consts: Vec::new(),
            free: Vec::new(),
            n_regs: 0,
        };
        let result = g.emit_expr(self)?;
        Ok(Compiled {
            code: g.code,
            consts: g.consts,
            n_regs: g.n_regs,
            result,
            vars: vars.iter().map(|v| v.to_string()).collect(),
            span: self.span,
        })
    }
}

struct Gen<'a> {
    vars: &'a [&'a str],
    code: Vec<Instr>,
    consts: Vec<f64>,
    free: Vec<u32>,
    n_regs: usize,
}

impl Gen<'_> {
    fn constant(&mut self, v: f64) -> Src {
        let i = match self.consts.iter().position(|c| c.to_bits() == v.to_bits()) {
            Some(i) => i,
            None => {
                self.consts.push(v);
                self.consts.len() - 1
            }
        };
        Src::Const(i as u32)
    }

    fn release(&mut self, s: Src) {
        if let Src::Reg(r) = s {
            self.free.push(r);
        }
    }

    /// Appends `op` writing a fresh register; the operands are not released (callers decide).
    fn emit_raw(&mut self, op: Op, span: Span, origin: Origin) -> Src {
        let dst = self.free.pop().unwrap_or_else(|| {
            self.n_regs += 1;
            (self.n_regs - 1) as u32
        });
        self.code.push(Instr {
            op,
            dst,
            span,
            origin,
        });
        Src::Reg(dst)
    }

    /// Appends `op` and then frees its operands: the destination is allocated first, so it is
    /// never one of them.
    fn emit(&mut self, op: Op, span: Span, operands: &[Src]) -> Src {
        let d = self.emit_raw(op, span, Origin::Written);
        operands.iter().for_each(|s| self.release(*s));
        d
    }

    fn emit_expr(&mut self, e: &Expr) -> Result<Src, ExprError> {
        let span = e.span;
        Ok(match &e.kind {
            ExprKind::Num(v) => self.constant(*v),
            ExprKind::Const(c) => self.constant(c.value()),
            ExprKind::Var(name) => match self.vars.iter().position(|v| v == name) {
                Some(i) => Src::Var(i as u32),
                None => {
                    let msg = format!(
                        "unknown variable '{name}' (allowed: {})",
                        self.vars.join(", ")
                    );
                    return Err(ExprError::new(msg, span));
                }
            },
            ExprKind::Neg(a) => match a.kind {
                ExprKind::Num(v) => self.constant(-v),
                _ => {
                    let x = self.emit_expr(a)?;
                    self.emit(Op::Neg(x), span, &[x])
                }
            },
            ExprKind::Inv(a) => {
                let one = self.constant(1.0);
                let x = self.emit_expr(a)?;
                self.emit(Op::Div(one, x), span, &[x])
            }
            ExprKind::Call(f, a) => {
                let x = self.emit_expr(a)?;
                self.emit(Op::Call(*f, x), span, &[x])
            }
            ExprKind::Pow(b, x) => {
                let base = self.emit_expr(b)?;
                match int_exponent(x) {
                    Some(n) => self.powi(base, n, span),
                    None => {
                        let ex = self.emit_expr(x)?;
                        self.emit(Op::Pow(base, ex), span, &[base, ex])
                    }
                }
            }
            ExprKind::Add(ts) if ts.is_empty() => self.constant(0.0),
            ExprKind::Mul(fs) if fs.is_empty() => self.constant(1.0),
            ExprKind::Add(ts) => {
                let mut acc = self.emit_expr(&ts[0])?;
                for t in &ts[1..] {
                    let (op, rhs): (fn(Src, Src) -> Op, &Expr) = match &t.kind {
                        ExprKind::Neg(inner) => (Op::Sub, inner),
                        _ => (Op::Add, t),
                    };
                    let r = self.emit_expr(rhs)?;
                    acc = self.emit(op(acc, r), t.span, &[acc, r]);
                }
                acc
            }
            ExprKind::Mul(fs) => {
                let mut acc = self.emit_expr(&fs[0])?;
                for f in &fs[1..] {
                    let (op, rhs): (fn(Src, Src) -> Op, &Expr) = match &f.kind {
                        ExprKind::Inv(inner) => (Op::Div, inner),
                        _ => (Op::Mul, f),
                    };
                    let r = self.emit_expr(rhs)?;
                    // a division reports the span of the quotient (`Inv` holds it); a product the factor's
                    let at = if matches!(f.kind, ExprKind::Inv(_)) {
                        f.span
                    } else {
                        span
                    };
                    acc = self.emit(op(acc, r), at, &[acc, r]);
                }
                acc
            }
        })
    }

    /// x^n by the multiplication chain of `eval::powi_mul`, then 1/… for negative n.
    fn powi(&mut self, x: Src, n: i32, span: Span) -> Src {
        let mut acc: Option<Src> = None;
        let mut base = x;
        let mut k = n.unsigned_abs();
        loop {
            if k & 1 == 1 {
                acc = Some(match acc {
                    None => base,
                    Some(a) => {
                        let d = self.emit_raw(Op::Mul(a, base), span, Origin::Power);
                        self.release(a);
                        d
                    }
                });
            }
            k >>= 1;
            if k == 0 {
                break;
            }
            let next = self.emit_raw(Op::Mul(base, base), span, Origin::Power);
            if acc != Some(base) {
                self.release(base);
            }
            base = next;
        }
        if acc != Some(base) {
            self.release(base);
        }
        let p = match acc {
            Some(p) => p,
            None => return self.constant(1.0), // x^0; `base` was released above
        };
        if n >= 0 {
            return p;
        }
        let one = self.constant(1.0);
        let d = self.emit_raw(Op::Div(one, p), span, Origin::Power);
        self.release(p);
        d
    }
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
