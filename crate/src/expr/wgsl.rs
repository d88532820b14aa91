//! Expressions as WGSL f32 code, for kernels that evaluate a typed formula on the GPU
//! (`gpu::PairForce`). The code mirrors the tape (compile.rs): integer literal exponents with
//! |n| ≤ 64 by the same multiplication chain, `Neg` terms as subtractions, `Inv` factors as
//! divisions. Where WGSL leaves a result undefined (`log` of x ≤ 0, `sqrt` of x < 0, `pow` of a
//! base ≤ 0) or the tape would produce an infinity (division by zero), the helpers in
//! [`WGSL_PRELUDE`] set the private flag `df_bad` instead, so a kernel can hand those points back
//! to the CPU, which names the failing operation. Variables become `v_<name>`.

use super::ast::{Expr, ExprKind};
use super::eval::int_exponent;
use super::func::Func;

/// Helper functions the generated code calls; include once per shader module, before the code.
pub const WGSL_PRELUDE: &str = r#"
// Set by the helpers below where the value is undefined or infinite; reset by the caller.
var<private> df_bad: bool;

fn df_div(a: f32, b: f32) -> f32 {
    if (b == 0.0) {
        df_bad = true;
        return 0.0;
    }
    return a / b;
}

fn df_ln(a: f32) -> f32 {
    if (!(a > 0.0)) {
        df_bad = true;
        return 0.0;
    }
    return log(a);
}

fn df_sqrt(a: f32) -> f32 {
    if (a < 0.0) {
        df_bad = true;
        return 0.0;
    }
    return sqrt(a);
}

// x^n by binary exponentiation, the tape's multiplication chain (eval.rs `powi_mul`).
fn df_powi(x: f32, n: i32) -> f32 {
    var k = u32(abs(n));
    var base = x;
    var acc = 1.0;
    var first = true;
    loop {
        if ((k & 1u) == 1u) {
            if (first) {
                acc = base;
                first = false;
            } else {
                acc = acc * base;
            }
        }
        k = k >> 1u;
        if (k == 0u) {
            break;
        }
        base = base * base;
    }
    if (n < 0) {
        return df_div(1.0, acc);
    }
    return acc;
}

// Rust's powf where it is finite; WGSL's pow is only defined for a positive base.
fn df_pow(b: f32, e: f32) -> f32 {
    if (b > 0.0) {
        return pow(b, e);
    }
    if (b == 0.0 && e > 0.0) {
        return 0.0;
    }
    if (e == 0.0) {
        return 1.0;
    }
    if (b < 0.0 && e == round(e)) {
        let r = pow(-b, e);
        if (abs(e) < 16777216.0 && (i32(e) & 1) == 1) {
            return -r;
        }
        return r;
    }
    df_bad = true;
    return 0.0;
}

// tanh without the overflow of (e^2x − 1)/(e^2x + 1) some drivers use for large |x|.
fn df_tanh(a: f32) -> f32 {
    if (abs(a) < 0.5) {
        return tanh(a);
    }
    let t = exp(-2.0 * abs(a));
    return sign(a) * (1.0 - t) / (1.0 + t);
}
"#;

/// Why an expression has no WGSL form.
#[derive(Clone, Debug, PartialEq)]
pub struct WgslError(pub String);

fn literal(v: f64) -> Result<String, WgslError> {
    let f = v as f32;
    if !f.is_finite() {
        return Err(WgslError(format!("the number {v} is outside f32's range")));
    }
    if f.abs() < f32::MIN_POSITIVE {
        return Ok("0.0f".into());
    }
    let text = format!("{f:?}f");
    Ok(if f < 0.0 { format!("({text})") } else { text })
}

fn call(f: Func, a: String) -> String {
    let name = match f {
        Func::Sin => "sin",
        Func::Cos => "cos",
        Func::Tan => "tan",
        Func::Exp => "exp",
        Func::Ln => "df_ln",
        Func::Sqrt => "df_sqrt",
        Func::Abs => "abs",
        Func::Tanh => "df_tanh",
        Func::Sinh => "sinh",
        Func::Cosh => "cosh",
        Func::Atan => "atan",
        Func::Sign => "sign",
    };
    format!("{name}({a})")
}

impl Expr {
    /// One WGSL f32 expression (every compound part parenthesized) calling [`WGSL_PRELUDE`].
    pub fn to_wgsl(&self) -> Result<String, WgslError> {
        Ok(match &self.kind {
            ExprKind::Num(v) => literal(*v)?,
            ExprKind::Const(c) => literal(c.value())?,
            ExprKind::Var(name) => {
                if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(WgslError(format!("variable name '{name}'")));
                }
                format!("v_{name}")
            }
            ExprKind::Neg(a) => format!("(-{})", a.to_wgsl()?),
            ExprKind::Inv(a) => format!("df_div(1.0f, {})", a.to_wgsl()?),
            ExprKind::Call(f, a) => call(*f, a.to_wgsl()?),
            ExprKind::Pow(b, e) => match int_exponent(e) {
                Some(n) => format!("df_powi({}, {n})", b.to_wgsl()?),
                None => format!("df_pow({}, {})", b.to_wgsl()?, e.to_wgsl()?),
            },
            ExprKind::Add(terms) if terms.is_empty() => "0.0f".into(),
            ExprKind::Mul(factors) if factors.is_empty() => "1.0f".into(),
            // Operands are atomic and WGSL's + and − associate to the left, so a flat chain
            // adds in the tape's order without nesting a parenthesis per term.
            ExprKind::Add(terms) => {
                let mut acc = format!("({}", terms[0].to_wgsl()?);
                for t in &terms[1..] {
                    match &t.kind {
                        ExprKind::Neg(inner) => acc += &format!(" - {}", inner.to_wgsl()?),
                        _ => acc += &format!(" + {}", t.to_wgsl()?),
                    }
                }
                acc + ")"
            }
            ExprKind::Mul(factors) => {
                let mut acc = factors[0].to_wgsl()?;
                for f in &factors[1..] {
                    acc = match &f.kind {
                        ExprKind::Inv(inner) => format!("df_div({acc}, {})", inner.to_wgsl()?),
                        _ => format!("({acc} * {})", f.to_wgsl()?),
                    };
                }
                acc
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    fn wgsl(text: &str) -> String {
        parse(text, &["x", "y"]).unwrap().to_wgsl().unwrap()
    }

    #[test]
    fn sums_products_and_quotients_keep_the_tapes_order() {
        assert_eq!(wgsl("x + y - 2"), "(v_x + v_y - 2.0f)");
        assert_eq!(wgsl("x*y/3"), "df_div((v_x * v_y), 3.0f)");
        assert_eq!(wgsl("-x"), "(-v_x)");
        assert_eq!(wgsl("1/x"), "df_div(1.0f, v_x)");
        assert_eq!(wgsl("0.5*pi"), "(0.5f * 3.1415927f)");
    }

    #[test]
    fn integer_powers_multiply_and_other_powers_use_the_guarded_pow() {
        assert_eq!(wgsl("x^2"), "df_powi(v_x, 2)");
        assert_eq!(wgsl("x^-3"), "df_powi(v_x, -3)");
        assert_eq!(wgsl("abs(y)^1.5"), "df_pow(abs(v_y), 1.5f)");
        assert_eq!(wgsl("x^y"), "df_pow(v_x, v_y)");
        assert_eq!(wgsl("x^100"), "df_pow(v_x, 100.0f)");
    }

    #[test]
    fn every_function_has_a_wgsl_name() {
        for f in Func::ALL {
            let code = Expr::call(f, Expr::var("x")).to_wgsl().unwrap();
            assert!(code.ends_with("(v_x)"), "{code}");
        }
        assert_eq!(wgsl("ln(x) + sqrt(y)"), "(df_ln(v_x) + df_sqrt(v_y))");
        assert_eq!(wgsl("tanh(e*x)"), "df_tanh((2.7182817f * v_x))");
    }

    #[test]
    fn literals_are_f32_and_out_of_range_numbers_are_errors() {
        assert_eq!(wgsl("1e-5*x"), "(1e-5f * v_x)");
        assert_eq!(wgsl("1e-50 + x"), "(0.0f + v_x)");
        assert!(parse("1e300*x", &["x"]).unwrap().to_wgsl().is_err());
        assert_eq!(Expr::num(-2.0).to_wgsl().unwrap(), "(-2.0f)");
    }
}
