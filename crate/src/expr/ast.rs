//! The expression tree. Sums and products are n-ary so that `a+b+c+…` (up to 2000 characters)
//! stays shallow: only parentheses, functions, powers and unary signs add depth, and the parser
//! bounds those, so every recursive pass over a tree is bounded too.
//!
//! The tree mirrors what the user wrote: `a - b` is `Add[a, Neg b]`, `a / b` is `Mul[a, Inv b]`.
//! Keeping that shape (rather than a canonical one) lets `to_text` print exactly what parses back
//! and lets runtime errors point at the subtraction or division the user typed.

use super::error::Span;
pub use super::func::{Constant, Func};

/// A node and the source range it came from (`Span::NONE` for nodes built in code).
/// Equality compares structure only, never spans.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Num(f64),
    Const(Constant),
    Var(String),
    Neg(Box<Expr>),
    /// Evaluated left to right; a term `Neg(t)` after the first is a subtraction.
    Add(Vec<Expr>),
    /// Evaluated left to right; a factor `Inv(d)` after the first is a division by `d`.
    Mul(Vec<Expr>),
    /// `1 / x`; inside `Mul` it means "divide by x".
    Inv(Box<Expr>),
    Pow(Box<Expr>, Box<Expr>),
    Call(Func, Box<Expr>),
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }

    pub fn num(v: f64) -> Self {
        Expr::new(ExprKind::Num(v), Span::NONE)
    }

    pub fn var(name: &str) -> Self {
        Expr::new(ExprKind::Var(name.to_string()), Span::NONE)
    }

    pub fn constant(c: Constant) -> Self {
        Expr::new(ExprKind::Const(c), Span::NONE)
    }

    #[allow(clippy::should_implement_trait)] // a constructor, not arithmetic on values
    pub fn neg(a: Expr) -> Self {
        Expr::new(ExprKind::Neg(Box::new(a)), Span::NONE)
    }

    /// A sum; one term is returned as is and no terms give 0, so trees never hold degenerate sums.
    pub fn add(mut terms: Vec<Expr>) -> Self {
        match terms.len() {
            0 => Expr::num(0.0),
            1 => terms.pop().unwrap(),
            _ => Expr::new(ExprKind::Add(terms), Span::NONE),
        }
    }

    /// A product; one factor is returned as is and no factors give 1.
    pub fn mul(mut factors: Vec<Expr>) -> Self {
        match factors.len() {
            0 => Expr::num(1.0),
            1 => factors.pop().unwrap(),
            _ => Expr::new(ExprKind::Mul(factors), Span::NONE),
        }
    }

    pub fn inv(a: Expr) -> Self {
        Expr::new(ExprKind::Inv(Box::new(a)), Span::NONE)
    }

    pub fn pow(base: Expr, exponent: Expr) -> Self {
        Expr::new(
            ExprKind::Pow(Box::new(base), Box::new(exponent)),
            Span::NONE,
        )
    }

    pub fn call(f: Func, arg: Expr) -> Self {
        Expr::new(ExprKind::Call(f, Box::new(arg)), Span::NONE)
    }

    /// The same node with another span (derived expressions point back at their source).
    pub fn at(mut self, span: Span) -> Self {
        self.span = span;
        self
    }

    /// Direct children, in evaluation order (without allocating: passes over large derivatives
    /// call this for every node).
    pub fn children(&self) -> impl Iterator<Item = &Expr> {
        let (first, rest): (Option<&Expr>, &[Expr]) = match &self.kind {
            ExprKind::Num(_) | ExprKind::Const(_) | ExprKind::Var(_) => (None, &[]),
            ExprKind::Neg(a) | ExprKind::Inv(a) | ExprKind::Call(_, a) => (Some(a), &[]),
            ExprKind::Add(xs) | ExprKind::Mul(xs) => (None, xs),
            ExprKind::Pow(b, e) => (Some(b), std::slice::from_ref(&**e)),
        };
        first.into_iter().chain(rest)
    }

    /// The value if this node is a plain number (`2`, `-2` written as `Neg(2)`).
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            ExprKind::Num(v) => Some(*v),
            ExprKind::Neg(a) => a.as_f64().map(|v| -v),
            _ => None,
        }
    }

    pub fn depends_on(&self, var: &str) -> bool {
        match &self.kind {
            ExprKind::Var(name) => name == var,
            _ => self.children().any(|c| c.depends_on(var)),
        }
    }

    /// Variable names that occur, sorted and without repeats.
    pub fn variables(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_vars(&mut out);
        out.sort();
        out.dedup();
        out
    }

    fn collect_vars(&self, out: &mut Vec<String>) {
        if let ExprKind::Var(name) = &self.kind {
            out.push(name.clone());
        }
        for c in self.children() {
            c.collect_vars(out);
        }
    }

    /// Span of the first occurrence of `var`, for errors about a variable.
    pub fn find_var(&self, var: &str) -> Option<Span> {
        match &self.kind {
            ExprKind::Var(name) if name == var => Some(self.span),
            _ => self.children().find_map(|c| c.find_var(var)),
        }
    }

    /// Every occurrence of `var` replaced by `with` (not simplified).
    pub fn substitute(&self, var: &str, with: &Expr) -> Expr {
        let sub = |e: &Expr| Box::new(e.substitute(var, with));
        let kind = match &self.kind {
            ExprKind::Var(name) if name == var => return with.clone(),
            ExprKind::Num(_) | ExprKind::Const(_) | ExprKind::Var(_) => return self.clone(),
            ExprKind::Neg(a) => ExprKind::Neg(sub(a)),
            ExprKind::Inv(a) => ExprKind::Inv(sub(a)),
            ExprKind::Call(f, a) => ExprKind::Call(*f, sub(a)),
            ExprKind::Pow(b, e) => ExprKind::Pow(sub(b), sub(e)),
            ExprKind::Add(xs) => {
                ExprKind::Add(xs.iter().map(|x| x.substitute(var, with)).collect())
            }
            ExprKind::Mul(xs) => {
                ExprKind::Mul(xs.iter().map(|x| x.substitute(var, with)).collect())
            }
        };
        Expr::new(kind, self.span)
    }

    /// Number of nodes (a size measure for tests and for guarding expensive work).
    pub fn size(&self) -> usize {
        1 + self.children().map(Expr::size).sum::<usize>()
    }

    /// Longest root-to-leaf path, counting nodes.
    pub fn depth(&self) -> usize {
        1 + self.children().map(Expr::depth).max().unwrap_or(0)
    }
}

/// A structural hash consistent with `==` (spans ignored, `0.0` and `-0.0` alike), for
/// cheap inequality tests before a full comparison.
pub(crate) fn fingerprint(e: &Expr) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3; // FNV-1a
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(PRIME);
    let tag = |k: &ExprKind| match k {
        ExprKind::Num(v) => mix(1, if *v == 0.0 { 0 } else { v.to_bits() }),
        ExprKind::Const(c) => mix(2, *c as u64),
        ExprKind::Var(name) => name.bytes().fold(3, |h, b| mix(h, b as u64)),
        ExprKind::Neg(_) => 4,
        ExprKind::Add(xs) => mix(5, xs.len() as u64),
        ExprKind::Mul(xs) => mix(6, xs.len() as u64),
        ExprKind::Inv(_) => 7,
        ExprKind::Pow(..) => 8,
        ExprKind::Call(f, _) => mix(9, *f as u64),
    };
    e.children()
        .fold(tag(&e.kind), |h, c| mix(h.rotate_left(5), fingerprint(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Expr {
        // 0.5*u_x^2 + sin(u)
        Expr::add(vec![
            Expr::mul(vec![
                Expr::num(0.5),
                Expr::pow(Expr::var("u_x"), Expr::num(2.0)),
            ]),
            Expr::call(Func::Sin, Expr::var("u")),
        ])
    }

    #[test]
    fn queries() {
        let e = sample();
        assert_eq!(e.variables(), vec!["u".to_string(), "u_x".to_string()]);
        assert!(e.depends_on("u") && e.depends_on("u_x") && !e.depends_on("x"));
        assert_eq!(e.size(), 8);
        assert_eq!(e.depth(), 4);
    }

    #[test]
    fn substitute_replaces_every_occurrence_and_equality_ignores_spans() {
        let e = Expr::mul(vec![Expr::var("u"), Expr::var("u").at(Span::new(3, 4))]);
        let s = e.substitute("u", &Expr::num(2.0));
        assert_eq!(s, Expr::mul(vec![Expr::num(2.0), Expr::num(2.0)]));
        assert_eq!(Expr::var("u").at(Span::new(1, 2)), Expr::var("u"));
    }

    #[test]
    fn fingerprints_agree_with_equality() {
        let a = Expr::mul(vec![Expr::var("u"), Expr::num(0.0)]);
        let b = Expr::mul(vec![Expr::var("u").at(Span::new(1, 2)), Expr::num(-0.0)]);
        assert_eq!(a, b);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        let c = Expr::mul(vec![Expr::num(0.0), Expr::var("u")]);
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }

    #[test]
    fn degenerate_sums_and_products_collapse() {
        assert_eq!(Expr::add(vec![]), Expr::num(0.0));
        assert_eq!(Expr::mul(vec![Expr::var("x")]), Expr::var("x"));
    }
}
