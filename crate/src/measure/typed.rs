//! A log-density typed by the user as an expression in x and y, with its gradient by symbolic
//! differentiation (crate::expr), evaluated in batches over all particles at once.

use super::targets::EvalFailure;
use crate::expr::{Compiled, EvalError, Expr, parse};
use crate::functional::problem::expr_error;
use crate::lab::LabError;

pub const VARS: [&str; 2] = ["x", "y"];

pub struct TypedDensity {
    /// The parameter it came from ("logdensity", or "potential" for mean-field Langevin's
    /// Gibbs measure), so errors land under the right field.
    pub param: &'static str,
    /// What identifies it (the text, and σ for a Gibbs measure): the reference-set cache key.
    pub key: String,
    /// log p as typed (or −V/σ), simplified; shown as text and LaTeX.
    pub expr: Expr,
    logp: Compiled,
    dx: Compiled,
    dy: Compiled,
}

impl TypedDensity {
    /// log p(x, y) from its text. Parse errors carry the span and the parameter.
    pub fn parse(param: &'static str, text: &str) -> Result<Self, LabError> {
        let expr = parse(text, &VARS).map_err(|e| expr_error(param, &e))?;
        Self::from_expr(param, format!("{param}:{text}"), expr)
    }

    /// The Gibbs measure of a potential at temperature σ: log p = −V/σ (unnormalized).
    pub fn gibbs(param: &'static str, potential: &str, sigma: f64) -> Result<Self, LabError> {
        let v = parse(potential, &VARS).map_err(|e| expr_error(param, &e))?;
        let expr = Expr::mul(vec![Expr::num(-1.0 / sigma), v]).simplify();
        Self::from_expr(param, format!("{param}:{sigma}:{potential}"), expr)
    }

    fn from_expr(param: &'static str, key: String, expr: Expr) -> Result<Self, LabError> {
        let compile = |e: &Expr| e.compile(&VARS).map_err(|err| expr_error(param, &err));
        Ok(TypedDensity {
            param,
            key,
            logp: compile(&expr)?,
            dx: compile(&expr.diff("x"))?,
            dy: compile(&expr.diff("y"))?,
            expr,
        })
    }

    /// log p and ∇log p at every point; the first failing operation (ln of a negative number,
    /// overflow, …) is reported with its span and the point.
    pub fn eval(
        &self,
        xs: &[f64],
        ys: &[f64],
        logp: &mut [f64],
        gx: &mut [f64],
        gy: &mut [f64],
    ) -> Result<(), EvalFailure> {
        let cols = [xs, ys];
        let fail = |what: String, e: EvalError| EvalFailure {
            message: format!("{what}: {}", e.message),
            span: (!e.span.is_none()).then_some((e.span.start, e.span.end)),
            point: e.point_index,
        };
        self.logp
            .check_batch(&cols, logp)
            .map_err(|e| fail(self.param.to_string(), e))?;
        self.dx
            .check_batch(&cols, gx)
            .map_err(|e| fail(format!("∂{}/∂x", self.param), e))?;
        self.dy
            .check_batch(&cols, gy)
            .map_err(|e| fail(format!("∂{}/∂y", self.param), e))?;
        Ok(())
    }
}

impl TypedDensity {
    /// The same values without the diagnosis: non-finite results stay in the outputs (the
    /// reference chains simply reject such proposals).
    pub fn eval_lenient(
        &self,
        xs: &[f64],
        ys: &[f64],
        logp: &mut [f64],
        gx: &mut [f64],
        gy: &mut [f64],
    ) {
        let cols = [xs, ys];
        self.logp.eval_batch(&cols, logp);
        self.dx.eval_batch(&cols, gx);
        self.dy.eval_batch(&cols, gy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_is_symbolic_and_errors_carry_spans() {
        let t = TypedDensity::parse("logdensity", "-(x^2 + 2*y^2)/2 + ln(x + 3)").unwrap();
        let (mut l, mut a, mut b) = ([0.0; 2], [0.0; 2], [0.0; 2]);
        t.eval(&[0.5, 1.0], &[1.0, -2.0], &mut l, &mut a, &mut b)
            .unwrap();
        assert!((a[0] - (-0.5 + 1.0 / 3.5)).abs() < 1e-12 && (b[1] - 4.0).abs() < 1e-12);
        let err = t
            .eval(&[0.0, -4.0], &[0.0, 0.0], &mut l, &mut a, &mut b)
            .unwrap_err();
        assert_eq!(err.point, 1);
        assert!(err.message.contains("ln of a negative number"), "{err:?}");
        assert_eq!(err.span, Some((19, 28)));
        let bad = TypedDensity::parse("logdensity", "-x^2 + sinn(y)")
            .err()
            .unwrap();
        assert_eq!(bad.param.as_deref(), Some("logdensity"));
        assert_eq!(bad.span, Some((7, 11)));
        assert!(TypedDensity::parse("logdensity", "-z^2").is_err());
    }

    #[test]
    fn gibbs_measure_is_minus_potential_over_sigma() {
        let t = TypedDensity::gibbs("potential", "x^2 + y^2", 0.5).unwrap();
        let (mut l, mut a, mut b) = ([0.0], [0.0], [0.0]);
        t.eval(&[1.0], &[2.0], &mut l, &mut a, &mut b).unwrap();
        assert_eq!((l[0], a[0], b[0]), (-10.0, -4.0, -8.0));
    }
}
