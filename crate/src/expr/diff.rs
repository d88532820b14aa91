//! Symbolic differentiation: partial derivatives and the total derivative D_x along a chain of
//! jet variables (u → u_x → u_xx …). New nodes carry the span of the node they were derived
//! from, so a NaN in a derivative is reported at the part of the user's input that caused it.

use super::ast::{Expr, ExprKind, Func};
use super::error::{ExprError, Span};
use super::simplify::simplify_owned;

impl Expr {
    /// ∂self/∂var, simplified. `abs' = sign`; `sign' = 0` (almost everywhere).
    pub fn diff(&self, var: &str) -> Expr {
        simplify_owned(derive(self, var))
    }
}

/// Largest expression (in nodes) `total_derivative` accepts.
pub const MAX_TOTAL_DERIVATIVE_NODES: usize = 10_000;

/// D_x f = ∂f/∂x + Σ over (v, v') in `chain` of ∂f/∂v · v', e.g. chain
/// `[("u","u_x"), ("u_x","u_xx"), ("u_xx","u_xxx")]`. Variables outside the chain and not `xvar`
/// are constants (parameters). It is an error for `f` to depend on a name that appears in the
/// chain only as a derivative (the last one), since its own x-derivative would have no name.
pub fn total_derivative(
    expr: &Expr,
    chain: &[(&str, &str)],
    xvar: &str,
) -> Result<Expr, ExprError> {
    // D_x of an n-node expression of depth d has ~n·d nodes; an input typed at the nesting limit
    // and differentiated once already has ~20k nodes, and D_x of that would take seconds and
    // hundreds of MB. Refuse instead: no real Lagrangian comes near this.
    let size = expr.size();
    if size > MAX_TOTAL_DERIVATIVE_NODES {
        let msg = format!("expression too large to differentiate along '{xvar}' ({size} nodes)");
        return Err(ExprError::new(msg, expr.span));
    }
    for v in expr.variables() {
        let is_source = chain.iter().any(|(a, _)| *a == v);
        let is_target = chain.iter().any(|(_, b)| *b == v);
        if is_target && !is_source && v != xvar {
            let span = expr.find_var(&v).unwrap_or(Span::NONE);
            return Err(ExprError::new(
                format!(
                    "cannot differentiate '{v}' along '{xvar}': the chain has no name for its derivative"
                ),
                span,
            ));
        }
    }
    let span = expr.span;
    let mut terms = vec![derive(expr, xvar)];
    for (v, dv) in chain {
        if expr.depends_on(v) {
            let dvar = Expr::new(ExprKind::Var(dv.to_string()), span);
            terms.push(Expr::new(ExprKind::Mul(vec![derive(expr, v), dvar]), span));
        }
    }
    Ok(simplify_owned(Expr::new(ExprKind::Add(terms), span)))
}

/// The raw derivative (unsimplified, but with branches that do not depend on `var` cut to 0).
fn derive(e: &Expr, var: &str) -> Expr {
    let span = e.span;
    let num = |v: f64| Expr::new(ExprKind::Num(v), span);
    if !e.depends_on(var) {
        return num(0.0);
    }
    let mk = |kind: ExprKind| Expr::new(kind, span);
    let neg = |a: Expr| mk(ExprKind::Neg(Box::new(a)));
    let inv = |a: Expr| mk(ExprKind::Inv(Box::new(a)));
    let pow = |b: Expr, x: Expr| mk(ExprKind::Pow(Box::new(b), Box::new(x)));
    let call = |f: Func, a: Expr| mk(ExprKind::Call(f, Box::new(a)));
    match &e.kind {
        ExprKind::Num(_) | ExprKind::Const(_) => num(0.0),
        ExprKind::Var(_) => num(1.0),
        ExprKind::Neg(a) => neg(derive(a, var)),
        ExprKind::Add(ts) => mk(ExprKind::Add(ts.iter().map(|t| derive(t, var)).collect())),
        ExprKind::Mul(fs) => {
            // product rule; an `Inv` factor differentiates as 1/g (below), so quotients need no case
            let terms = (0..fs.len())
                .filter(|&i| fs[i].depends_on(var))
                .map(|i| {
                    let mut factors = fs.clone();
                    factors[i] = derive(&fs[i], var);
                    mk(ExprKind::Mul(factors))
                })
                .collect();
            mk(ExprKind::Add(terms))
        }
        ExprKind::Inv(g) => neg(mk(ExprKind::Mul(vec![
            derive(g, var),
            inv(pow((**g).clone(), num(2.0))),
        ]))),
        ExprKind::Pow(b, x) => {
            let (b, x) = (&**b, &**x);
            if !x.depends_on(var) {
                // b^c: c·b^(c−1)·b'  (u^(5/3) → (5/3)·u^(2/3) once simplified)
                let c1 = mk(ExprKind::Add(vec![x.clone(), neg(num(1.0))]));
                mk(ExprKind::Mul(vec![
                    x.clone(),
                    pow(b.clone(), c1),
                    derive(b, var),
                ]))
            } else if !b.depends_on(var) {
                // a^g: a^g·ln(a)·g'
                mk(ExprKind::Mul(vec![
                    e.clone(),
                    call(Func::Ln, b.clone()),
                    derive(x, var),
                ]))
            } else {
                // f^g = exp(g ln f): f^g·(g'·ln f + g·f'/f)
                let t1 = mk(ExprKind::Mul(vec![
                    derive(x, var),
                    call(Func::Ln, b.clone()),
                ]));
                let t2 = mk(ExprKind::Mul(vec![
                    x.clone(),
                    derive(b, var),
                    inv(b.clone()),
                ]));
                mk(ExprKind::Mul(vec![
                    e.clone(),
                    mk(ExprKind::Add(vec![t1, t2])),
                ]))
            }
        }
        ExprKind::Call(f, a) => {
            let a = &**a;
            let outer = match f {
                Func::Sin => call(Func::Cos, a.clone()),
                Func::Cos => neg(call(Func::Sin, a.clone())),
                Func::Tan => inv(pow(call(Func::Cos, a.clone()), num(2.0))),
                Func::Exp => e.clone(),
                Func::Ln => inv(a.clone()),
                Func::Sqrt => inv(mk(ExprKind::Mul(vec![num(2.0), e.clone()]))),
                Func::Abs => call(Func::Sign, a.clone()),
                Func::Tanh => mk(ExprKind::Add(vec![num(1.0), neg(pow(e.clone(), num(2.0)))])),
                Func::Sinh => call(Func::Cosh, a.clone()),
                Func::Cosh => call(Func::Sinh, a.clone()),
                Func::Atan => inv(mk(ExprKind::Add(vec![num(1.0), pow(a.clone(), num(2.0))]))),
                Func::Sign => return num(0.0),
            };
            mk(ExprKind::Mul(vec![outer, derive(a, var)]))
        }
    }
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
