//! Reference samples of a target, for the metrics: 1000 exact samples where the target has an
//! exact sampler, otherwise the end points of 1000 independent MALA chains run long (computed once
//! per typed expression and cached for the page's lifetime). Also the moments and the plot frame
//! that follow from them.

use std::cell::RefCell;
use std::rc::Rc;

use super::targets::{Extent, Moments, Target};
use super::typed::TypedDensity;
use crate::lab::LabError;
use crate::rng::Rng;

pub const REFERENCE_SIZE: usize = 1000;
/// Fixed, so every run (any seed) is measured against the same reference set.
const REFERENCE_SEED: u64 = 0x05EE_D0FD_E17A;
/// Long-run MALA for typed targets: step sizes adapt toward acceptance 0.574 during the burn-in,
/// then stay fixed; the last state of each chain is one sample.
const BURN_IN: usize = 1500;
const KEEP: usize = 1500;
const CACHE_LEN: usize = 16;

pub struct Reference {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Exact for analytic targets; from the samples otherwise.
    pub moments: Moments,
    pub extent: Extent,
    /// true: exact samples; false: long-run MALA.
    pub exact: bool,
}

thread_local! {
    static CACHE: RefCell<Vec<(String, Rc<Reference>)>> = const { RefCell::new(Vec::new()) };
}

fn cache_key(target: &Target) -> String {
    match target {
        Target::Mixture(k) => format!("mixture:{k}"),
        Target::Typed(t) => format!("typed:{}", t.key),
        other => other.id().to_string(),
    }
}

/// The reference set of `target`, from the cache when it was built before.
pub fn reference(target: &Target) -> Result<Rc<Reference>, LabError> {
    let key = cache_key(target);
    if let Some(hit) = CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| Rc::clone(r))
    }) {
        return Ok(hit);
    }
    let mut rng = Rng::new(REFERENCE_SEED);
    let built = match target {
        Target::Typed(t) => {
            let (xs, ys) = long_run(t, &mut rng)?;
            let moments = sample_moments(&xs, &ys);
            let extent = sample_extent(&xs, &ys);
            Reference {
                xs,
                ys,
                moments,
                extent,
                exact: false,
            }
        }
        analytic => {
            let (xs, ys) = analytic
                .sample(REFERENCE_SIZE, &mut rng)
                .expect("analytic targets sample exactly");
            Reference {
                xs,
                ys,
                moments: analytic.moments().expect("analytic moments"),
                extent: analytic.extent().expect("analytic extent"),
                exact: true,
            }
        }
    };
    let built = Rc::new(built);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LEN {
            c.remove(0);
        }
        c.push((key, Rc::clone(&built)));
    });
    Ok(built)
}

/// Mean and covariance (1/(n−1), as NumPy's `cov`).
pub fn sample_moments(xs: &[f64], ys: &[f64]) -> Moments {
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        let (u, v) = (x - mx, y - my);
        a += u * u;
        b += u * v;
        c += v * v;
    }
    let d = (n - 1.0).max(1.0);
    Moments {
        mean: [mx, my],
        cov: [[a / d, b / d], [b / d, c / d]],
    }
}

/// The 0.5% to 99.5% range of each coordinate, widened by 15% on each side.
fn sample_extent(xs: &[f64], ys: &[f64]) -> Extent {
    let range = |v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        let lo = s[s.len() / 200];
        let hi = s[s.len() - 1 - s.len() / 200];
        let pad = 0.15 * (hi - lo).max(1e-3);
        (lo - pad, hi + pad)
    };
    let (x0, x1) = range(xs);
    let (y0, y1) = range(ys);
    [x0, x1, y0, y1]
}

/// 1000 MALA chains from N(0, 2²·I), each adapting its own step during the burn-in.
fn long_run(t: &TypedDensity, rng: &mut Rng) -> Result<(Vec<f64>, Vec<f64>), LabError> {
    let m = REFERENCE_SIZE;
    let mut xs: Vec<f64> = (0..m).map(|_| 2.0 * rng.normal()).collect();
    let mut ys: Vec<f64> = (0..m).map(|_| 2.0 * rng.normal()).collect();
    let (mut lp, mut gx, mut gy) = (vec![0.0; m], vec![0.0; m], vec![0.0; m]);
    t.eval_lenient(&xs, &ys, &mut lp, &mut gx, &mut gy);
    let finite = |i: usize, lp: &[f64], gx: &[f64], gy: &[f64]| {
        lp[i].is_finite() && gx[i].is_finite() && gy[i].is_finite()
    };
    // Chains starting where the density is undefined are redrawn, then moved onto defined starts.
    for _ in 0..50 {
        let undefined: Vec<usize> = (0..m).filter(|&i| !finite(i, &lp, &gx, &gy)).collect();
        if undefined.is_empty() {
            break;
        }
        for &i in &undefined {
            (xs[i], ys[i]) = (2.0 * rng.normal(), 2.0 * rng.normal());
        }
        t.eval_lenient(&xs, &ys, &mut lp, &mut gx, &mut gy);
    }
    let defined: Vec<usize> = (0..m).filter(|&i| finite(i, &lp, &gx, &gy)).collect();
    if defined.len() < m / 10 {
        return Err(LabError::input(format!(
            "{}: the log-density is finite at only {} of {m} starting points drawn from N(0, 4·I); \
             the reference chains cannot start",
            t.param,
            defined.len()
        ))
        .for_param(t.param));
    }
    for (k, i) in (0..m)
        .filter(|&i| !finite(i, &lp, &gx, &gy))
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
    {
        let j = defined[k % defined.len()];
        (xs[i], ys[i], lp[i], gx[i], gy[i]) = (xs[j], ys[j], lp[j], gx[j], gy[j]);
    }
    let mut step = vec![0.1f64; m];
    let (mut px, mut py) = (vec![0.0; m], vec![0.0; m]);
    let (mut plp, mut pgx, mut pgy) = (vec![0.0; m], vec![0.0; m], vec![0.0; m]);
    let mut noise = vec![(0.0, 0.0); m];
    for it in 0..BURN_IN + KEEP {
        for i in 0..m {
            let s = step[i];
            let z = (rng.normal(), rng.normal());
            noise[i] = z;
            px[i] = xs[i] + s * gx[i] + (2.0 * s).sqrt() * z.0;
            py[i] = ys[i] + s * gy[i] + (2.0 * s).sqrt() * z.1;
        }
        t.eval_lenient(&px, &py, &mut plp, &mut pgx, &mut pgy);
        for i in 0..m {
            let s = step[i];
            let mut accept = 0.0;
            if finite(i, &plp, &pgx, &pgy) {
                let log_q = |ax: f64, ay: f64, bx: f64, by: f64, bgx: f64, bgy: f64| {
                    let (u, v) = (ax - bx - s * bgx, ay - by - s * bgy);
                    -(u * u + v * v) / (4.0 * s)
                };
                let forward = log_q(px[i], py[i], xs[i], ys[i], gx[i], gy[i]);
                let backward = log_q(xs[i], ys[i], px[i], py[i], pgx[i], pgy[i]);
                let alpha = (plp[i] - lp[i] + backward - forward).min(0.0).exp();
                if rng.uniform() < alpha {
                    (xs[i], ys[i], lp[i], gx[i], gy[i]) = (px[i], py[i], plp[i], pgx[i], pgy[i]);
                }
                accept = alpha;
            }
            if it < BURN_IN {
                step[i] = (step[i] * (0.1 * (accept - 0.574)).exp()).clamp(1e-6, 100.0);
            }
        }
    }
    let far = (0..m)
        .filter(|&i| !(xs[i].abs() < 1e4 && ys[i].abs() < 1e4 && lp[i].is_finite()))
        .count();
    if far > 0 {
        return Err(LabError::input(format!(
            "{}: {far} of {m} reference chains ran off to infinity or out of the domain: \
             exp(log-density) seems not integrable",
            t.param
        ))
        .for_param(t.param));
    }
    Ok((xs, ys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_run_reference_of_a_typed_gaussian_has_its_moments() {
        // log p = −(x−1)²/2 − y²/(2·0.25): mean (1, 0), variances 1 and 0.25.
        let t = TypedDensity::parse("logdensity", "-(x-1)^2/2 - y^2/0.5").unwrap();
        let r = reference(&Target::Typed(Rc::new(t))).unwrap();
        assert!(!r.exact);
        let m = r.moments;
        // 1000 independent samples: standard errors ~0.03 (mean) and ~0.045·var (variance).
        assert!(
            (m.mean[0] - 1.0).abs() < 0.12 && m.mean[1].abs() < 0.06,
            "{m:?}"
        );
        assert!(
            (m.cov[0][0] - 1.0).abs() < 0.2 && (m.cov[1][1] - 0.25).abs() < 0.05,
            "{m:?}"
        );
        assert!(m.cov[0][1].abs() < 0.08, "{m:?}");
        let [x0, x1, y0, y1] = r.extent;
        assert!(
            x0 < -1.0 && x1 > 3.0 && y0 < -1.0 && y1 > 1.0,
            "{:?}",
            r.extent
        );
    }

    #[test]
    fn an_improper_density_is_an_input_error_naming_the_parameter() {
        let t = TypedDensity::parse("logdensity", "x + y").unwrap();
        let err = reference(&Target::Typed(Rc::new(t))).err().unwrap();
        assert_eq!(err.param.as_deref(), Some("logdensity"));
        assert!(err.message.contains("not integrable"), "{}", err.message);
    }

    #[test]
    fn analytic_references_are_exact_and_cached() {
        let a = reference(&Target::Donut).unwrap();
        let b = reference(&Target::Donut).unwrap();
        assert!(a.exact && Rc::ptr_eq(&a, &b) && a.xs.len() == REFERENCE_SIZE);
    }
}
