//! A functional F[u] = ∫_a^b L(x, u, u_x, u_xx) dx ready to evaluate: the Lagrangian, its partial
//! derivatives and its Euler–Lagrange expression, all parsed once and compiled, plus u.

use crate::expr::{Compiled, EvalError, Expr, ExprError, parse, total_derivative};
use crate::lab::LabError;
use crate::pde::grid::Boundary;

/// Variables a Lagrangian may use.
pub const L_VARS: [&str; 4] = ["x", "u", "u_x", "u_xx"];
/// Variables of the Euler–Lagrange expression (D_x brings in up to u_xxxx).
pub const EL_VARS: [&str; 6] = ["x", "u", "u_x", "u_xx", "u_xxx", "u_xxxx"];
const CHAIN: [(&str, &str); 4] = [
    ("u", "u_x"),
    ("u_x", "u_xx"),
    ("u_xx", "u_xxx"),
    ("u_xxx", "u_xxxx"),
];

pub const MAX_POINTS: usize = 65_536;
pub const MIN_POINTS: usize = 8;
pub const MAX_DEGREE: usize = 256;
pub const MAX_EXPR_LEN: usize = 2000;

/// Which expression an error belongs to, so the page can underline the right field.
pub fn expr_error(param: &str, e: &ExprError) -> LabError {
    let mut err = LabError::input(format!("{param}: {e}")).for_param(param);
    if !e.span.is_none() {
        err = err.with_span(e.span.start, e.span.end);
    }
    err
}

/// A numeric failure while evaluating `param` on the grid, naming the operation and the x.
pub fn eval_error(param: &str, e: &EvalError, x: &[f64]) -> LabError {
    let at = x
        .get(e.point_index)
        .map(|x| format!(" (at x = {x:.6})"))
        .unwrap_or_default();
    let mut err = LabError::numeric(format!("{param}: {}{at}", e)).for_param(param);
    if !e.span.is_none() {
        err = err.with_span(e.span.start, e.span.end);
    }
    err
}

/// The Lagrangian and everything derived from it symbolically.
#[derive(Clone)]
pub struct Lagrangian {
    pub expr: Expr,
    pub l: Compiled,
    pub l_u: Compiled,
    pub l_ux: Compiled,
    pub l_uxx: Compiled,
    /// D_x L_{u_xx}, for boundary terms of second-order Lagrangians (EL variables).
    pub dx_l_uxx: Compiled,
    /// δF/δu = L_u − D_x L_{u_x} + D_x² L_{u_xx}, simplified (EL variables).
    pub euler_lagrange: Expr,
    pub el: Compiled,
    /// Constant second derivatives ∂²L/∂u_x² and ∂²L/∂u_xx², when they are constants: the stiff
    /// linear part of the flows.
    pub kappa: Option<f64>,
    pub beta: Option<f64>,
    /// True when L depends on u_x or u_xx, i.e. when non-periodic domains carry boundary terms.
    pub has_derivatives: bool,
}

impl Lagrangian {
    pub fn parse(text: &str) -> Result<Lagrangian, LabError> {
        let expr = parse(text, &L_VARS).map_err(|e| expr_error("lagrangian", &e))?;
        let l_u = expr.diff("u");
        let l_ux = expr.diff("u_x");
        let l_uxx = expr.diff("u_xx");
        let d =
            |e: &Expr| total_derivative(e, &CHAIN, "x").map_err(|e| expr_error("lagrangian", &e));
        let dx_l_uxx = d(&l_uxx)?;
        let euler_lagrange =
            Expr::add(vec![l_u.clone(), Expr::neg(d(&l_ux)?), d(&dx_l_uxx)?]).simplify();
        let c4 = |e: &Expr| e.compile(&L_VARS).map_err(|e| expr_error("lagrangian", &e));
        let c6 = |e: &Expr| {
            e.compile(&EL_VARS)
                .map_err(|e| expr_error("lagrangian", &e))
        };
        let constant = |e: Expr| e.simplify().as_f64();
        Ok(Lagrangian {
            l: c4(&expr)?,
            l_u: c4(&l_u)?,
            l_ux: c4(&l_ux)?,
            l_uxx: c4(&l_uxx)?,
            dx_l_uxx: c6(&dx_l_uxx)?,
            el: c6(&euler_lagrange)?,
            kappa: constant(l_ux.diff("u_x")),
            beta: constant(l_uxx.diff("u_xx")),
            has_derivatives: expr.depends_on("u_x") || expr.depends_on("u_xx"),
            euler_lagrange,
            expr,
        })
    }
}

/// u(x): typed (with exact symbolic derivatives) or samples on the grid (a drawing, a flow state).
pub enum Profile {
    Typed {
        expr: Expr,
        /// u, u', u'', u''', u'''' compiled in x (boxed: the variants differ much in size).
        derivatives: Box<[Compiled; 5]>,
    },
    Samples(Vec<f64>),
}

impl Profile {
    pub fn typed(text: &str) -> Result<Profile, LabError> {
        let expr = parse(text, &["x"]).map_err(|e| expr_error("u", &e))?;
        Profile::from_expr(expr)
    }

    pub fn from_expr(expr: Expr) -> Result<Profile, LabError> {
        let mut exprs = vec![expr.clone()];
        for k in 1..5 {
            let next = exprs[k - 1].diff("x");
            exprs.push(next);
        }
        let compile = |e: &Expr| e.compile(&["x"]).map_err(|e| expr_error("u", &e));
        let derivatives = Box::new([
            compile(&exprs[0])?,
            compile(&exprs[1])?,
            compile(&exprs[2])?,
            compile(&exprs[3])?,
            compile(&exprs[4])?,
        ]);
        Ok(Profile::Typed { expr, derivatives })
    }

    /// u and its first four derivatives at points x (typed only), checked for non-finite values.
    pub fn jet_at(&self, x: &[f64]) -> Result<[Vec<f64>; 5], LabError> {
        let Profile::Typed { derivatives, .. } = self else {
            return Err(LabError::input(
                "u is given by samples; derivatives come from the grid",
            ));
        };
        let mut out: [Vec<f64>; 5] = std::array::from_fn(|_| vec![0.0; x.len()]);
        for (k, (c, o)) in derivatives.iter().zip(out.iter_mut()).enumerate() {
            c.check_batch(&[x], o).map_err(|e| {
                let what = ["u", "u'", "u''", "u'''", "u''''"][k];
                let mut err = eval_error("u", &e, x);
                err.message = err
                    .message
                    .replacen("u:", &format!("u: evaluating {what}:"), 1);
                err
            })?;
        }
        Ok(out)
    }
}

/// Everything `evaluateFunctional` and the lab need to know about one problem.
pub struct Problem {
    pub lagrangian: Lagrangian,
    pub profile: Profile,
    pub a: f64,
    pub b: f64,
    pub boundary: Boundary,
}

impl Problem {
    /// The same functional at another u (Taylor tests, flows).
    pub fn with_profile(&self, profile: Profile) -> Problem {
        Problem {
            lagrangian: self.lagrangian.clone(),
            profile,
            a: self.a,
            b: self.b,
            boundary: self.boundary,
        }
    }

    pub fn check_domain(a: f64, b: f64) -> Result<(), LabError> {
        if !(a.is_finite() && b.is_finite() && b > a) {
            return Err(LabError::input(format!(
                "domain [{a}, {b}] must satisfy a < b"
            )));
        }
        if b - a > 1e6 || a.abs() > 1e6 || b.abs() > 1e6 {
            return Err(LabError::input("domain end points must lie within ±1e6"));
        }
        Ok(())
    }
}
