//! Exact rational coefficients for `simplify`, so that `5/3 - 1` prints as `2/3` and
//! `(1/2)*2` as `1`, falling back to f64 for decimals or when the integers would overflow.

use super::ast::{Expr, ExprKind};
use super::error::Span;

/// Integers up to 2^53 convert to f64 exactly; beyond that the rational form buys nothing.
const EXACT: i64 = 1 << 53;

#[derive(Clone, Copy, Debug)]
pub(crate) enum Number {
    /// p/q in lowest terms, q > 0.
    Rat(i64, i64),
    Real(f64),
}

impl Number {
    pub const ZERO: Number = Number::Rat(0, 1);
    pub const ONE: Number = Number::Rat(1, 1);

    pub fn from_f64(v: f64) -> Number {
        if v.fract() == 0.0 && v.abs() <= EXACT as f64 {
            Number::Rat(v as i64, 1)
        } else {
            Number::Real(v)
        }
    }

    /// p/q reduced; falls back to f64 when out of the exact range. `q` must not be 0.
    fn rat(p: i128, q: i128) -> Number {
        debug_assert!(q != 0);
        let g = {
            let (mut a, mut b) = (p.abs(), q.abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a.max(1)
        };
        let s = if q < 0 { -1 } else { 1 };
        let (p, q) = (s * p / g, s * q / g);
        if p.abs() <= EXACT as i128 && q <= EXACT as i128 {
            Number::Rat(p as i64, q as i64)
        } else {
            Number::Real(p as f64 / q as f64)
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Number::Rat(p, q) => p as f64 / q as f64,
            Number::Real(v) => v,
        }
    }

    pub fn is_zero(self) -> bool {
        self.value() == 0.0
    }

    pub fn is_one(self) -> bool {
        self.value() == 1.0
    }

    pub fn is_negative(self) -> bool {
        self.value() < 0.0
    }

    pub fn as_int(self) -> Option<i64> {
        match self {
            Number::Rat(p, 1) => Some(p),
            _ => None,
        }
    }

    pub fn neg(self) -> Number {
        match self {
            Number::Rat(p, q) => Number::Rat(-p, q),
            Number::Real(v) => Number::Real(-v),
        }
    }

    pub fn add(self, o: Number) -> Number {
        match (self, o) {
            (Number::Rat(a, b), Number::Rat(c, d)) => Number::rat(
                a as i128 * d as i128 + c as i128 * b as i128,
                b as i128 * d as i128,
            ),
            _ => Number::Real(self.value() + o.value()),
        }
    }

    pub fn mul(self, o: Number) -> Number {
        match (self, o) {
            (Number::Rat(a, b), Number::Rat(c, d)) => {
                Number::rat(a as i128 * c as i128, b as i128 * d as i128)
            }
            _ => Number::Real(self.value() * o.value()),
        }
    }

    /// 1/self, or None for zero (simplification never manufactures an infinity).
    pub fn recip(self) -> Option<Number> {
        match self {
            _ if self.is_zero() => None,
            Number::Rat(p, q) => Some(Number::rat(q as i128, p as i128)),
            Number::Real(v) => Some(Number::Real(1.0 / v)),
        }
    }

    /// self^n for an integer n, or None if the result would not be finite and nonzero-safe.
    pub fn powi(self, n: i64) -> Option<Number> {
        if n < 0 {
            return self.recip()?.powi(n.checked_neg()?);
        }
        if n > i32::MAX as i64 {
            return None; // nothing exact to gain, and f64::powi takes an i32
        }
        let r = match self {
            Number::Rat(p, q) => {
                let (pp, qq) = ((p as f64).powi(n as i32), (q as f64).powi(n as i32));
                if pp.abs() <= EXACT as f64 && qq <= EXACT as f64 {
                    Number::Rat(checked_pow(p, n)?, checked_pow(q, n)?)
                } else {
                    Number::Real(pp / qq)
                }
            }
            Number::Real(v) => Number::Real(v.powi(n.try_into().ok()?)),
        };
        r.value().is_finite().then_some(r)
    }

    /// As a tree: `3`, `2/3` (as `Mul[2, Inv 3]`), negatives wrapped in `Neg`.
    pub fn to_expr(self, span: Span) -> Expr {
        if self.is_negative() {
            return Expr::new(ExprKind::Neg(Box::new(self.neg().to_expr(span))), span);
        }
        match self {
            Number::Rat(p, q) if q != 1 => {
                let den = Expr::new(
                    ExprKind::Inv(Box::new(Expr::new(ExprKind::Num(q as f64), span))),
                    span,
                );
                Expr::new(
                    ExprKind::Mul(vec![Expr::new(ExprKind::Num(p as f64), span), den]),
                    span,
                )
            }
            _ => Expr::new(ExprKind::Num(self.value()), span),
        }
    }

    /// Reads back what `to_expr` writes (and plain numeric trees like `Neg(2)`, `1/4`).
    pub fn from_expr(e: &Expr) -> Option<Number> {
        match &e.kind {
            ExprKind::Num(v) => Some(Number::from_f64(*v)),
            ExprKind::Neg(a) => Some(Number::from_expr(a)?.neg()),
            ExprKind::Inv(a) => Number::from_expr(a)?.recip(),
            ExprKind::Mul(fs) => fs
                .iter()
                .try_fold(Number::ONE, |acc, f| Some(acc.mul(Number::from_expr(f)?))),
            _ => None,
        }
    }
}

fn checked_pow(b: i64, n: i64) -> Option<i64> {
    b.checked_pow(u32::try_from(n).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rational_arithmetic_is_exact() {
        let five_thirds = Number::Rat(5, 1).mul(Number::Rat(3, 1).recip().unwrap());
        let r = five_thirds.add(Number::Rat(-1, 1));
        assert!(matches!(r, Number::Rat(2, 3)));
        assert!(Number::Rat(1, 2).mul(Number::Rat(2, 1)).is_one());
        assert!(matches!(
            Number::Rat(-2, 3).powi(-2),
            Some(Number::Rat(9, 4))
        ));
    }

    #[test]
    fn decimals_stay_real_and_zero_has_no_reciprocal() {
        assert!(matches!(Number::from_f64(0.5), Number::Real(_)));
        assert!(Number::ZERO.recip().is_none());
        assert!(Number::Real(1e300).powi(2).is_none());
    }

    #[test]
    fn expr_round_trip() {
        for n in [Number::Rat(2, 3), Number::Rat(-7, 1), Number::Real(0.25)] {
            let back = Number::from_expr(&n.to_expr(Span::NONE)).unwrap();
            assert_eq!(back.value(), n.value());
        }
    }
}
