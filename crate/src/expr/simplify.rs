//! Simplification for readable output: bottom-up, each node rewritten through its normal form
//! (sums as coefficient-weighted monomials, products via `Product`). Only identities that hold
//! for all reals where the input is defined are used; the result may be defined where the input
//! was not (`x/x` → 1), never the other way round.

use super::ast::{Expr, ExprKind, Func};
use super::error::Span;
use super::func::{Constant, Parity};
use super::number::Number;
use super::product::{Exponent, Product};

impl Expr {
    /// A simpler equal expression: constants folded (exactly, as rationals, where possible),
    /// `0*x`, `1*x`, `x+0`, `x^1`, `x^0`, `--x` removed, powers of equal bases merged,
    /// like terms and numeric coefficients collected. Not a canonical form.
    pub fn simplify(&self) -> Expr {
        simplify_owned(self.clone())
    }
}

/// Bottom-up simplification that consumes its input, so no subtree is copied on the way up.
pub(crate) fn simplify_owned(e: Expr) -> Expr {
    let span = e.span;
    let node = |kind| Expr::new(kind, span);
    let simp = |b: Box<Expr>| Box::new(simplify_owned(*b));
    match e.kind {
        ExprKind::Num(v) => Number::from_f64(v).to_expr(span),
        ExprKind::Const(_) | ExprKind::Var(_) => e,
        ExprKind::Call(f, a) => simplify_call(f, simplify_owned(*a), span),
        ExprKind::Add(ts) => simplify_sum(ts.into_iter().map(simplify_owned).collect(), span),
        ExprKind::Neg(a) => Product::of(node(ExprKind::Neg(simp(a)))).build(span),
        ExprKind::Inv(a) => Product::of(node(ExprKind::Inv(simp(a)))).build(span),
        ExprKind::Mul(fs) => {
            let fs = fs.into_iter().map(simplify_owned).collect();
            Product::of(node(ExprKind::Mul(fs))).build(span)
        }
        ExprKind::Pow(b, x) => Product::of(node(ExprKind::Pow(simp(b), simp(x)))).build(span),
    }
}

/// Sum of simplified terms: numeric factors collected per monomial, zero terms dropped,
/// a number times a single sum distributed (so `-(a - b) + a` becomes `b`).
pub(crate) fn simplify_sum(terms: Vec<Expr>, span: Span) -> Expr {
    let mut acc: Vec<(Product, Span)> = Vec::new();
    for t in terms {
        add_term(&mut acc, t, Number::ONE);
    }
    let acc = if acc.len() >= 2 {
        super::together::combine_over_common_base(acc)
    } else {
        acc
    };
    let mut out: Vec<Expr> = acc
        .into_iter()
        .filter(|(p, _)| !p.coef.is_zero())
        .map(|(p, s)| p.build(s))
        .collect();
    match out.len() {
        0 => Expr::new(ExprKind::Num(0.0), span),
        1 => out.pop().unwrap(),
        _ => Expr::add(out).at(span),
    }
}

fn add_term(acc: &mut Vec<(Product, Span)>, t: Expr, scale: Number) {
    let span = t.span;
    let mut p = Product::of(t);
    let distributable = matches!(p.factors.as_slice(),
        [f] if matches!(f.base.kind, ExprKind::Add(_)) && matches!(f.exp, Exponent::Num(n) if n.is_one()));
    if distributable {
        let s = scale.mul(p.coef);
        if let ExprKind::Add(inner) = p.factors.pop().unwrap().base.kind {
            inner.into_iter().for_each(|u| add_term(acc, u, s));
        }
        return;
    }
    p.coef = p.coef.mul(scale);
    match acc.iter_mut().find(|(q, _)| q.same_monomial(&p)) {
        Some((q, _)) => q.coef = q.coef.add(p.coef),
        None => acc.push((p, span)),
    }
}

fn simplify_call(f: Func, a: Expr, span: Span) -> Expr {
    let call = |arg: Expr| Expr::new(ExprKind::Call(f, Box::new(arg)), span);
    // sqrt(4) → 2, ln(1) → 0, cos(0) → 1; but sin(1) stays, rather than 0.8414709848078965
    if let Some(n) = Number::from_expr(&a) {
        let v = f.apply(n.value());
        if v.is_finite() && v.fract() == 0.0 {
            return Number::from_f64(v).to_expr(span);
        }
    }
    let a_span = a.span;
    match (f, a.kind) {
        (Func::Ln, ExprKind::Const(Constant::E)) => Expr::new(ExprKind::Num(1.0), span),
        (Func::Ln, ExprKind::Call(Func::Exp, x)) => *x,
        (Func::Ln, ExprKind::Pow(b, x)) if matches!(b.kind, ExprKind::Const(Constant::E)) => *x,
        (Func::Sqrt, ExprKind::Pow(b, x)) if x.as_f64() == Some(2.0) => {
            simplify_call(Func::Abs, *b, span)
        }
        (Func::Abs, ExprKind::Call(Func::Abs, x)) => {
            Expr::new(ExprKind::Call(Func::Abs, x), a_span)
        }
        (_, ExprKind::Neg(x)) if f.parity() == Parity::Even => call(*x),
        (_, ExprKind::Neg(x)) if f.parity() == Parity::Odd => {
            Expr::new(ExprKind::Neg(Box::new(call(*x))), span)
        }
        (_, kind) => call(Expr::new(kind, a_span)),
    }
}

#[cfg(test)]
#[path = "simplify_tests.rs"]
mod tests;
