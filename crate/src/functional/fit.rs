//! A drawn u(x) becomes a typed expression: a smooth least-squares fit (Legendre polynomial in
//! t = (x − mid)/half on non-periodic domains, a Fourier series on periodic ones) with a small
//! penalty on high modes that tames the wiggles of a hand-drawn stroke. The text goes into the
//! `u` parameter, so a drawing is reproducible from the URL like anything typed.

use nalgebra::{DMatrix, DVector};

use crate::basis::{Basis, FourierBasis, LegendreBasis};
use crate::expr::{format_number, parse};
use crate::lab::LabError;

pub const MAX_FIT_DEGREE: usize = 16;
pub const MAX_FIT_POINTS: usize = 100_000;
/// Penalty weight on (mode index)^4: small enough to keep drawn features, large enough to drop noise.
const SMOOTHING: f64 = 1e-7;

/// Six significant digits: a drawing is not more precise than that, and the text stays short.
fn num(v: f64) -> String {
    let r: f64 = format!("{v:.5e}").parse().unwrap_or(v);
    format_number(r)
}

pub fn fit_drawn(
    x: &[f64],
    y: &[f64],
    a: f64,
    b: f64,
    periodic: bool,
    degree: usize,
) -> Result<String, LabError> {
    if x.len() != y.len() || x.len() < 2 || x.len() > MAX_FIT_POINTS {
        return Err(LabError::input(format!(
            "a drawing needs 2 to {MAX_FIT_POINTS} points with as many x as y (got {} and {})",
            x.len(),
            y.len()
        )));
    }
    if !(a.is_finite() && b.is_finite() && b > a) {
        return Err(LabError::input("the domain must satisfy a < b"));
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(LabError::input("the drawing has non-finite coordinates"));
    }
    let degree = degree.clamp(1, MAX_FIT_DEGREE);
    // Fourier: 1 + 2K functions with K = degree / 2 harmonics; Legendre: degree + 1.
    let m = if periodic {
        1 + 2 * (degree / 2).max(1)
    } else {
        degree + 1
    };
    let basis: Box<dyn Basis> = if periodic {
        Box::new(FourierBasis::new(m, a, b))
    } else {
        Box::new(LegendreBasis::new(m, a, b))
    };
    let mut gram = DMatrix::<f64>::zeros(m, m);
    let mut rhs = DVector::<f64>::zeros(m);
    for (&xi, &yi) in x.iter().zip(y) {
        let phi = &basis.table(xi.clamp(a, b))[0];
        for i in 0..m {
            rhs[i] += phi[i] * yi;
            for j in 0..m {
                gram[(i, j)] += phi[i] * phi[j];
            }
        }
    }
    let scale = gram.trace() / m as f64;
    for k in 0..m {
        let freq = if periodic {
            FourierBasis::frequency(k)
        } else {
            k
        } as f64;
        gram[(k, k)] += scale * (SMOOTHING * freq.powi(4) + 1e-12);
    }
    let coeffs = gram
        .cholesky()
        .ok_or_else(|| {
            LabError::input("the drawing is too short to fit a curve; draw across the domain")
        })?
        .solve(&rhs);
    let text = if periodic {
        fourier_text(coeffs.as_slice(), a, b)
    } else {
        polynomial_text(coeffs.as_slice(), a, b)
    };
    // The text must parse back (it is what the lab will read).
    parse(&text, &["x"])
        .map_err(|e| LabError::input(format!("internal: fitted text does not parse: {e}")))?;
    Ok(text)
}

/// Σ c_k φ_k with orthonormal Legendre φ_k, rewritten as a polynomial in t = (x − mid)/half in
/// Horner form (no powers, short text, stable for degree ≤ 16 on t ∈ [−1, 1]).
fn polynomial_text(c: &[f64], a: f64, b: f64) -> String {
    let m = c.len();
    let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
    // Monomial coefficients of P_k by the three-term recurrence on coefficient vectors.
    let mut p: Vec<Vec<f64>> = vec![vec![1.0], vec![0.0, 1.0]];
    for k in 1..m.saturating_sub(1) {
        let kf = k as f64;
        let mut next = vec![0.0; k + 2];
        for (i, v) in p[k].iter().enumerate() {
            next[i + 1] += (2.0 * kf + 1.0) * v / (kf + 1.0);
        }
        for (i, v) in p[k - 1].iter().enumerate() {
            next[i] -= kf * v / (kf + 1.0);
        }
        p.push(next);
    }
    let mut mono = vec![0.0; m];
    let norm0 = (1.0 / half).sqrt();
    for k in 0..m {
        let ck = c[k] * norm0 * (k as f64 + 0.5).sqrt();
        for (i, v) in p[k].iter().enumerate() {
            mono[i] += ck * v;
        }
    }
    let t = if mid == 0.0 {
        format!("(x/{})", num(half))
    } else {
        format!("((x - {})/{})", num(mid), num(half))
    };
    let mut text = num(mono[m - 1]);
    for i in (0..m - 1).rev() {
        text = format!("{} + {t}*({text})", num(mono[i]));
    }
    text.replace("+ -", "- ")
}

fn fourier_text(c: &[f64], a: f64, b: f64) -> String {
    let l = b - a;
    let shift = if a == 0.0 {
        "x".to_string()
    } else {
        format!("(x - {})", num(a))
    };
    let mut terms = vec![num(c[0] / l.sqrt())];
    let amp = (2.0 / l).sqrt();
    for (k, ck) in c.iter().enumerate().skip(1) {
        let n = FourierBasis::frequency(k);
        let f = if k % 2 == 1 { "sin" } else { "cos" };
        terms.push(format!(
            "{}*{f}({}*pi*{shift}/{})",
            num(ck * amp),
            2 * n,
            num(l)
        ));
    }
    terms.join(" + ").replace("+ -", "- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, x: f64) -> f64 {
        parse(text, &["x"]).unwrap().eval(&["x"], &[x])
    }

    #[test]
    fn recovers_a_polynomial_and_a_trig_series() {
        let x: Vec<f64> = (0..200).map(|i| -1.0 + 3.0 * i as f64 / 199.0).collect();
        let y: Vec<f64> = x.iter().map(|x| 0.5 - x + 0.25 * x * x * x).collect();
        let text = fit_drawn(&x, &y, -1.0, 2.0, false, 6).unwrap();
        for &t in &[-1.0, 0.0, 0.7, 2.0] {
            assert!(
                (eval(&text, t) - (0.5 - t + 0.25 * t * t * t)).abs() < 1e-4,
                "{text}"
            );
        }
        let y: Vec<f64> = x
            .iter()
            .map(|x| 1.0 + 0.5 * (2.0 * std::f64::consts::PI * (x + 1.0) / 3.0).sin())
            .collect();
        let text = fit_drawn(&x, &y, -1.0, 2.0, true, 8).unwrap();
        assert!(
            (eval(&text, 0.3) - y[x.iter().position(|v| *v >= 0.3).unwrap()]).abs() < 2e-2,
            "{text}"
        );
    }

    #[test]
    fn a_noisy_stroke_gives_a_smooth_short_text() {
        let mut rng = crate::rng::Rng::new(3);
        let x: Vec<f64> = (0..500).map(|i| i as f64 / 499.0).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|x| (3.0 * x).sin() + 0.02 * rng.normal())
            .collect();
        let text = fit_drawn(&x, &y, 0.0, 1.0, false, 12).unwrap();
        assert!(text.len() < 400, "{} chars: {text}", text.len());
        let worst = x
            .iter()
            .map(|&t| (eval(&text, t) - (3.0 * t).sin()).abs())
            .fold(0.0, f64::max);
        assert!(worst < 0.02, "{worst}");
    }

    #[test]
    fn bad_drawings_are_clear_errors() {
        assert!(fit_drawn(&[0.5], &[1.0], 0.0, 1.0, false, 4).is_err());
        assert!(fit_drawn(&[0.1, 0.2], &[1.0], 0.0, 1.0, false, 4).is_err());
        assert!(fit_drawn(&[0.1, f64::NAN], &[1.0, 2.0], 0.0, 1.0, false, 4).is_err());
        assert!(fit_drawn(&[0.1, 0.2], &[1.0, 2.0], 1.0, 0.0, false, 4).is_err());
    }
}
