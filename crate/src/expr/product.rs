//! A product seen as `coefficient × Π base^exponent`: the normal form `simplify` works in.
//! Collecting a tree into it folds numbers, merges equal bases (`x*x^2` → `x^3`), pulls signs
//! and reciprocals into exponents; `build` turns it back into a readable tree `c*a*b/(d*e)`.

use super::ast::{Expr, ExprKind, Func, fingerprint};
use super::error::Span;
use super::number::Number;
use super::simplify::simplify_sum;

#[derive(Clone, Debug)]
pub(crate) enum Exponent {
    Num(Number),
    Sym(Expr),
}

impl Exponent {
    fn of(e: Expr) -> Exponent {
        match Number::from_expr(&e) {
            Some(n) => Exponent::Num(n),
            None => Exponent::Sym(e),
        }
    }

    fn into_expr(self, span: Span) -> Expr {
        match self {
            Exponent::Num(n) => n.to_expr(span),
            Exponent::Sym(e) => e,
        }
    }

    fn same(&self, other: &Exponent) -> bool {
        match (self, other) {
            (Exponent::Num(a), Exponent::Num(b)) => a.value() == b.value(),
            (Exponent::Sym(a), Exponent::Sym(b)) => a == b,
            _ => false,
        }
    }

    fn as_int(&self) -> Option<i64> {
        match self {
            Exponent::Num(n) => n.as_int(),
            Exponent::Sym(_) => None,
        }
    }

    fn is_one(&self) -> bool {
        matches!(self, Exponent::Num(n) if n.is_one())
    }

    /// self + other, both already simplified. Never calls `simplify` on them again: re-simplifying
    /// at every level of a power tower `u^u^u^…` would take time exponential in its height.
    fn plus(self, other: Exponent) -> Exponent {
        match (self, other) {
            (Exponent::Num(a), Exponent::Num(b)) => Exponent::Num(a.add(b)),
            (e, Exponent::Num(z)) | (Exponent::Num(z), e) if z.is_zero() => e,
            (a, b) => {
                let terms = vec![a.into_expr(Span::NONE), b.into_expr(Span::NONE)];
                Exponent::of(simplify_sum(terms, Span::NONE))
            }
        }
    }

    /// self × other, both already simplified (see `plus`).
    fn times(self, other: Exponent) -> Exponent {
        match (self, other) {
            (Exponent::Num(a), Exponent::Num(b)) => Exponent::Num(a.mul(b)),
            (e, Exponent::Num(n)) | (Exponent::Num(n), e) if n.is_one() => e,
            (Exponent::Sym(x), Exponent::Num(n)) | (Exponent::Num(n), Exponent::Sym(x)) => {
                let span = x.span;
                let mut p = Product::of(x);
                p.coef = p.coef.mul(n);
                Exponent::of(p.build(span))
            }
            (Exponent::Sym(a), Exponent::Sym(b)) => {
                Exponent::of(Product::of(Expr::mul(vec![a, b])).build(Span::NONE))
            }
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Factor {
    pub base: Expr,
    pub exp: Exponent,
    /// `fingerprint(base)`: equal bases are searched for on every push, and comparing two
    /// large unequal trees node by node (nested `1/(1+1/(1+…))`) would dominate the cost.
    pub hash: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Product {
    pub coef: Number,
    pub factors: Vec<Factor>,
}

impl Product {
    /// The product form of an (already simplified) tree. Takes the tree by value: simplification
    /// rebuilds every level, and cloning subtrees there would cost size × depth.
    pub fn of(e: Expr) -> Product {
        let mut p = Product {
            coef: Number::ONE,
            factors: Vec::new(),
        };
        p.collect(e, &Exponent::Num(Number::ONE));
        p.factors
            .retain(|f| !matches!(f.exp, Exponent::Num(n) if n.is_zero()));
        p
    }

    /// Multiplies `e^k` into the product. Identities are used only where they hold for all
    /// reals: (a*b)^n = a^n*b^n and (-a)^n = ±a^n need an integer n, (a^x)^n = a^(x*n) too.
    fn collect(&mut self, e: Expr, k: &Exponent) {
        let int_k = k.as_int();
        let span = e.span;
        match e.kind {
            ExprKind::Num(v) => {
                if let Some(n) = int_k {
                    let base = Number::from_f64(v);
                    if base.is_zero() && n > 0 {
                        self.coef = Number::ZERO;
                        return;
                    }
                    if let Some(p) = base.powi(n) {
                        self.coef = self.coef.mul(p);
                        return;
                    }
                } else if let Exponent::Num(n) = k {
                    // 4^(1/2) → 2, but 2^(1/2) stays symbolic rather than becoming 1.414…
                    let r = v.powf(n.value());
                    if v > 0.0 && r.is_finite() && r.fract() == 0.0 {
                        self.coef = self.coef.mul(Number::from_f64(r));
                        return;
                    }
                }
                if v != 1.0 {
                    self.push(Expr::new(ExprKind::Num(v), span), k.clone());
                }
            }
            ExprKind::Neg(a) if int_k.is_some() => {
                if int_k.unwrap() % 2 != 0 {
                    self.coef = self.coef.neg();
                }
                self.collect(*a, k);
            }
            ExprKind::Mul(fs) if int_k.is_some() => fs.into_iter().for_each(|f| self.collect(f, k)),
            // (1/a)^k = a^(-k) for every real k where either side is defined
            ExprKind::Inv(a) => {
                self.collect(*a, &k.clone().times(Exponent::Num(Number::ONE.neg())))
            }
            // sqrt(a) = a^(1/2), so that u/sqrt(u) → sqrt(u) and sqrt(g)^3 → g^(3/2)
            ExprKind::Call(Func::Sqrt, a) => {
                self.collect(*a, &k.clone().times(Exponent::Num(Number::Rat(1, 2))))
            }
            ExprKind::Pow(b, x) if k.is_one() || int_k.is_some() => {
                self.collect(*b, &Exponent::of(*x).times(k.clone()))
            }
            other => self.push(Expr::new(other, span), k.clone()),
        }
    }

    fn push(&mut self, base: Expr, k: Exponent) {
        let hash = fingerprint(&base);
        if let Some(f) = self
            .factors
            .iter_mut()
            .find(|f| f.hash == hash && f.base == base)
        {
            let exp = std::mem::replace(&mut f.exp, Exponent::Num(Number::ZERO));
            f.exp = exp.plus(k);
            // x^(1/2) * x^(3/2) may leave a numeric base with an integer power: fold it
            if let (Some(v), Some(n)) = (f.base.as_f64(), f.exp.as_int())
                && let Some(p) = Number::from_f64(v).powi(n)
            {
                self.coef = self.coef.mul(p);
                f.exp = Exponent::Num(Number::ZERO);
            }
        } else {
            self.factors.push(Factor { base, exp: k, hash });
        }
    }

    /// Same factors (as a multiset), ignoring the coefficient: like terms of a sum.
    pub fn same_monomial(&self, other: &Product) -> bool {
        if self.factors.len() != other.factors.len() {
            return false;
        }
        let mut used = vec![false; other.factors.len()];
        self.factors.iter().all(|f| {
            let hit = other.factors.iter().enumerate().find(|(i, g)| {
                !used[*i] && g.hash == f.hash && g.base == f.base && g.exp.same(&f.exp)
            });
            hit.map(|(i, _)| used[i] = true).is_some()
        })
    }

    /// `c*a*b^2/(d*e)`, with the sign as an outer `Neg` and simple factors before sums.
    pub fn build(mut self, span: Span) -> Expr {
        if self.coef.is_zero() {
            return Expr::new(ExprKind::Num(0.0), span);
        }
        self.factors.sort_by_key(|f| rank(&f.base));
        let mut num = Vec::new();
        let mut den = Vec::new();
        for f in self.factors {
            match f.exp {
                Exponent::Num(n) if n.is_negative() => den.push(power(f.base, n.neg(), span)),
                Exponent::Num(n) => num.push(power(f.base, n, span)),
                Exponent::Sym(x) => num.push(Expr::new(
                    ExprKind::Pow(Box::new(f.base), Box::new(x)),
                    span,
                )),
            }
        }
        let c = if self.coef.is_negative() {
            self.coef.neg()
        } else {
            self.coef
        };
        let (p, q) = match c {
            Number::Rat(p, q) => (p as f64, q as f64),
            Number::Real(v) => (v, 1.0),
        };
        if p != 1.0 || num.is_empty() {
            num.insert(0, Expr::new(ExprKind::Num(p), span));
        }
        if q != 1.0 {
            den.insert(0, Expr::new(ExprKind::Num(q), span));
        }
        if !den.is_empty() {
            let d = Expr::mul(den).at(span);
            num.push(Expr::new(ExprKind::Inv(Box::new(d)), span));
        }
        let body = Expr::mul(num).at(span);
        if self.coef.is_negative() {
            Expr::new(ExprKind::Neg(Box::new(body)), span)
        } else {
            body
        }
    }
}

fn power(base: Expr, n: Number, span: Span) -> Expr {
    if n.is_one() {
        return base;
    }
    if n.value() == 0.5 {
        return Expr::new(ExprKind::Call(Func::Sqrt, Box::new(base)), span);
    }
    Expr::new(
        ExprKind::Pow(Box::new(base), Box::new(n.to_expr(span))),
        span,
    )
}

/// Order of factors in output: numbers, constants, variables, function calls, then sums,
/// so that `u*(1 - u^2)` rather than `(1 - u^2)*u`.
fn rank(base: &Expr) -> u8 {
    match base.kind {
        ExprKind::Num(_) => 0,
        ExprKind::Const(_) => 1,
        ExprKind::Var(_) => 2,
        ExprKind::Call(..) | ExprKind::Pow(..) => 3,
        ExprKind::Neg(_) | ExprKind::Mul(_) | ExprKind::Inv(_) => 4,
        ExprKind::Add(_) => 5,
    }
}
