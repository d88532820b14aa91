//! Tree-walking evaluation: the reference the compiled tape is tested against. It performs the
//! same IEEE operations in the same order as the tape (subtraction for `Neg` terms, division for
//! `Inv` factors, integer powers by the same multiplication chain), so both agree bit for bit.

use super::ast::{Expr, ExprKind};

/// Exponents that are small integer literals are computed by multiplication (exact, and
/// vectorizable in the tape) instead of `powf`.
pub(crate) const MAX_INT_EXPONENT: f64 = 64.0;

/// `Some(n)` if `e` is a literal integer exponent with |n| ≤ 64 (`2`, `-3` as `Neg(3)`).
pub(crate) fn int_exponent(e: &Expr) -> Option<i32> {
    let v = e.as_f64()?;
    (v.fract() == 0.0 && v.abs() <= MAX_INT_EXPONENT).then_some(v as i32)
}

/// x^n by binary exponentiation. The compiler emits this exact sequence of multiplications.
pub(crate) fn powi_mul(x: f64, n: u32) -> f64 {
    let mut acc: Option<f64> = None;
    let mut base = x;
    let mut k = n;
    loop {
        if k & 1 == 1 {
            acc = Some(match acc {
                None => base,
                Some(a) => a * base,
            });
        }
        k >>= 1;
        if k == 0 {
            break;
        }
        base = base * base;
    }
    acc.unwrap_or(1.0)
}

/// x^n for a literal integer exponent, as both evaluators compute it.
pub(crate) fn powi_signed(x: f64, n: i32) -> f64 {
    let p = powi_mul(x, n.unsigned_abs());
    if n < 0 { 1.0 / p } else { p }
}

impl Expr {
    /// Value at one point; `values[i]` belongs to `vars[i]`. A variable not in `vars` is NaN.
    /// For many points, or for errors that say where a NaN came from, use `compile`.
    pub fn eval(&self, vars: &[&str], values: &[f64]) -> f64 {
        self.eval_with(&|name| {
            vars.iter()
                .position(|v| *v == name)
                .map_or(f64::NAN, |i| values[i])
        })
    }

    /// Value with variables looked up by a function.
    pub fn eval_with(&self, lookup: &dyn Fn(&str) -> f64) -> f64 {
        match &self.kind {
            ExprKind::Num(v) => *v,
            ExprKind::Const(c) => c.value(),
            ExprKind::Var(name) => lookup(name),
            ExprKind::Neg(a) => -a.eval_with(lookup),
            ExprKind::Inv(a) => 1.0 / a.eval_with(lookup),
            ExprKind::Call(f, a) => f.apply(a.eval_with(lookup)),
            ExprKind::Pow(b, e) => {
                let base = b.eval_with(lookup);
                match int_exponent(e) {
                    Some(n) => powi_signed(base, n),
                    None => base.powf(e.eval_with(lookup)),
                }
            }
            ExprKind::Add(terms) if terms.is_empty() => 0.0,
            ExprKind::Mul(factors) if factors.is_empty() => 1.0,
            ExprKind::Add(terms) => {
                let mut acc = terms[0].eval_with(lookup);
                for t in &terms[1..] {
                    match &t.kind {
                        ExprKind::Neg(inner) => acc -= inner.eval_with(lookup),
                        _ => acc += t.eval_with(lookup),
                    }
                }
                acc
            }
            ExprKind::Mul(factors) => {
                let mut acc = factors[0].eval_with(lookup);
                for f in &factors[1..] {
                    match &f.kind {
                        ExprKind::Inv(inner) => acc /= inner.eval_with(lookup),
                        _ => acc *= f.eval_with(lookup),
                    }
                }
                acc
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powi_matches_powi_std_closely_and_handles_zero_and_negative() {
        for n in 0..=20u32 {
            let x = 1.1_f64;
            assert!((powi_mul(x, n) - x.powi(n as i32)).abs() <= 1e-14 * x.powi(n as i32));
        }
        assert_eq!(powi_mul(f64::NAN, 0), 1.0);
        assert_eq!(powi_signed(2.0, -3), 0.125);
        assert_eq!(powi_signed(-2.0, 3), -8.0);
    }

    #[test]
    fn int_exponent_only_for_small_integer_literals() {
        assert_eq!(int_exponent(&Expr::num(3.0)), Some(3));
        assert_eq!(int_exponent(&Expr::neg(Expr::num(2.0))), Some(-2));
        assert_eq!(int_exponent(&Expr::num(2.5)), None);
        assert_eq!(int_exponent(&Expr::num(100.0)), None);
        assert_eq!(int_exponent(&Expr::var("n")), None);
    }

    #[test]
    fn empty_lookup_gives_nan() {
        assert!(Expr::var("q").eval(&["x"], &[1.0]).is_nan());
        let e = Expr::add(vec![Expr::var("x"), Expr::neg(Expr::num(3.0))]);
        assert_eq!(e.eval(&["x"], &[5.0]), 2.0);
    }
}
