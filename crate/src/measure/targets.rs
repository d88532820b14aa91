//! The 2D targets the particle algorithms sample: log-densities with exact gradients, exact
//! samplers and exact moments where they exist. A typed log-density (`typed.rs`) has neither;
//! its reference set is a long MALA run (`reference.rs`).

use std::f64::consts::{PI, TAU};
use std::rc::Rc;

use super::typed::TypedDensity;
use crate::rng::Rng;

/// The SVGD reference Gaussian (science.md §4): mean and precision.
pub const GAUSSIAN_MEAN: [f64; 2] = [-0.6871, 0.8010];
pub const GAUSSIAN_PRECISION: [[f64; 2]; 2] = [[0.2260, 0.1652], [0.1652, 0.6779]];

/// Banana: x ~ N(0, 1), y | x ~ N(b x² − c, s²).
const BANANA: (f64, f64, f64) = (0.5, 1.0, 0.5);
/// Donut: density ∝ exp(−(r − r0)²/(2w²)).
const DONUT: (f64, f64) = (2.0, 0.3);
/// Mixture: k equal-weight isotropic Gaussians (sd σ) on a circle of radius R (one at 0 for k = 1).
const MIXTURE: (f64, f64) = (2.5, 0.6);
pub const MAX_MIXTURE: usize = 8;

/// Mean and covariance [[xx, xy], [xy, yy]] of a target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moments {
    pub mean: [f64; 2],
    pub cov: [[f64; 2]; 2],
}

/// The plot frame [x0, x1, y0, y1].
pub type Extent = [f64; 4];

#[derive(Clone)]
pub enum Target {
    Gaussian,
    Banana,
    Donut,
    /// Neal's funnel: y ~ N(0, 3²), x | y ~ N(0, e^y) (standard deviation e^{y/2}).
    Funnel,
    Mixture(usize),
    Typed(Rc<TypedDensity>),
}

/// A failed evaluation of a typed log-density: what, where in the text, at which point.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalFailure {
    pub message: String,
    pub span: Option<(usize, usize)>,
    pub point: usize,
}

fn mixture_centers(k: usize) -> Vec<[f64; 2]> {
    if k <= 1 {
        return vec![[0.0, 0.0]];
    }
    (0..k)
        .map(|m| {
            let t = TAU * m as f64 / k as f64 + PI / 2.0;
            [MIXTURE.0 * t.cos(), MIXTURE.0 * t.sin()]
        })
        .collect()
}

fn gaussian_cov() -> [[f64; 2]; 2] {
    let [[a, b], [_, d]] = GAUSSIAN_PRECISION;
    let det = a * d - b * b;
    [[d / det, -b / det], [-b / det, a / det]]
}

impl Target {
    pub fn id(&self) -> &'static str {
        match self {
            Target::Gaussian => "gaussian",
            Target::Banana => "banana",
            Target::Donut => "donut",
            Target::Funnel => "funnel",
            Target::Mixture(_) => "mixture",
            Target::Typed(_) => "typed",
        }
    }

    /// The target's definition as display LaTeX, from the constants above (the particle page
    /// typesets it). A typed density shows its log-density as the expression engine prints it.
    pub fn definition_latex(&self) -> String {
        let [mx, my] = GAUSSIAN_MEAN;
        let [[a, b], [_, d]] = GAUSSIAN_PRECISION;
        let (bb, bc, bs) = BANANA;
        let (r0, w) = DONUT;
        let (radius, sd) = MIXTURE;
        match self {
            Target::Gaussian => format!(
                r"\mathcal N(\mu, \Sigma),\quad \mu = ({mx:.4},\ {my:.4}),\quad \Sigma^{{-1}} = \begin{{pmatrix}} {a:.4} & {b:.4} \\ {b:.4} & {d:.4} \end{{pmatrix}}"
            ),
            Target::Banana => format!(
                r"x \sim \mathcal N(0, 1),\quad y \mid x \sim \mathcal N\!\left({bb} x^2 - {bc},\ {bs}^2\right)"
            ),
            Target::Donut => format!(
                r"p(x, y) \propto \exp\!\left(-\frac{{(r - {r0})^2}}{{2 \cdot {w}^2}}\right),\quad r = \sqrt{{x^2 + y^2}}"
            ),
            Target::Funnel => {
                r"y \sim \mathcal N(0, 3^2),\quad x \mid y \sim \mathcal N(0, e^{y})".into()
            }
            Target::Mixture(1) => format!(r"\mathcal N\!\left(0,\ {sd}^2 I\right)"),
            Target::Mixture(k) => format!(
                r"p = \frac{{1}}{{{k}}} \sum_{{m=1}}^{{{k}}} \mathcal N\!\left(c_m,\ {sd}^2 I\right),\quad c_m \text{{ on the circle of radius }} {radius}"
            ),
            Target::Typed(t) => format!(r"\log p(x, y) = {} + \text{{const}}", t.expr.to_latex()),
        }
    }

    /// Whether `log_density` includes the normalizing constant (so F(μ) is KL(μ‖p) itself).
    pub fn normalized(&self) -> bool {
        !matches!(self, Target::Typed(_))
    }

    /// log p at each point, and ∇log p. Analytic targets never fail (values may overflow to
    /// ±inf far out: the caller checks finiteness and names the particles); a typed density
    /// reports the operation that failed.
    pub fn eval(
        &self,
        xs: &[f64],
        ys: &[f64],
        logp: &mut [f64],
        gx: &mut [f64],
        gy: &mut [f64],
    ) -> Result<(), EvalFailure> {
        if let Target::Typed(t) = self {
            return t.eval(xs, ys, logp, gx, gy);
        }
        for i in 0..xs.len() {
            let (l, a, b) = self.eval_one(xs[i], ys[i]);
            logp[i] = l;
            gx[i] = a;
            gy[i] = b;
        }
        Ok(())
    }

    /// Analytic targets at one point: (log p, ∂x, ∂y).
    fn eval_one(&self, x: f64, y: f64) -> (f64, f64, f64) {
        match self {
            Target::Gaussian => {
                let [[a, b], [_, d]] = GAUSSIAN_PRECISION;
                let (u, v) = (x - GAUSSIAN_MEAN[0], y - GAUSSIAN_MEAN[1]);
                let (ax, ay) = (a * u + b * v, b * u + d * v);
                let log_z = (2.0 * PI).ln() - 0.5 * (a * d - b * b).ln();
                (-0.5 * (u * ax + v * ay) - log_z, -ax, -ay)
            }
            Target::Banana => {
                let (b, c, s) = BANANA;
                let u = (y - b * x * x + c) / (s * s);
                let lp = -0.5 * x * x - 0.5 * u * u * s * s - (TAU * s).ln();
                (lp, -x + 2.0 * b * x * u, -u)
            }
            Target::Donut => {
                let (r0, w) = DONUT;
                let r = x.hypot(y);
                // Z = 2π ∫ r e^{−(r−r0)²/2w²} dr = 2π r0 w √(2π), up to the mass below r = 0
                // (here e^{−22}, far below f64 resolution of the log).
                let log_z = (TAU * r0 * w * TAU.sqrt()).ln();
                let d = (r - r0) / (w * w);
                let lp = -0.5 * (r - r0) * (r - r0) / (w * w) - log_z;
                // The gradient jumps at r = 0 (a cone tip, probability zero): take 0 there.
                if r == 0.0 {
                    (lp, 0.0, 0.0)
                } else {
                    (lp, -d * x / r, -d * y / r)
                }
            }
            Target::Funnel => {
                let e = (-y).exp();
                let lp = -y * y / 18.0 - 0.5 * x * x * e - 0.5 * y - (3.0 * TAU).ln();
                (lp, -x * e, -y / 9.0 + 0.5 * x * x * e - 0.5)
            }
            Target::Mixture(k) => {
                let s2 = MIXTURE.1 * MIXTURE.1;
                let centers = mixture_centers(*k);
                let logs: Vec<f64> = centers
                    .iter()
                    .map(|c| -((x - c[0]).powi(2) + (y - c[1]).powi(2)) / (2.0 * s2))
                    .collect();
                let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let weights: Vec<f64> = logs.iter().map(|l| (l - top).exp()).collect();
                let total: f64 = weights.iter().sum();
                let (mut gx, mut gy) = (0.0, 0.0);
                for (w, c) in weights.iter().zip(&centers) {
                    gx += w / total * (c[0] - x) / s2;
                    gy += w / total * (c[1] - y) / s2;
                }
                let lp = top + total.ln() - (centers.len() as f64).ln() - (TAU * s2).ln();
                (lp, gx, gy)
            }
            Target::Typed(_) => unreachable!("typed targets evaluate in batches"),
        }
    }

    /// n exact samples, or None (typed targets: see `reference.rs`).
    pub fn sample(&self, n: usize, rng: &mut Rng) -> Option<(Vec<f64>, Vec<f64>)> {
        let mut xs = Vec::with_capacity(n);
        let mut ys = Vec::with_capacity(n);
        for _ in 0..n {
            let (x, y) = match self {
                Target::Gaussian => {
                    // Cholesky factor of Σ.
                    let [[sxx, sxy], [_, syy]] = gaussian_cov();
                    let l11 = sxx.sqrt();
                    let l21 = sxy / l11;
                    let l22 = (syy - l21 * l21).sqrt();
                    let (z1, z2) = (rng.normal(), rng.normal());
                    (
                        GAUSSIAN_MEAN[0] + l11 * z1,
                        GAUSSIAN_MEAN[1] + l21 * z1 + l22 * z2,
                    )
                }
                Target::Banana => {
                    let (b, c, s) = BANANA;
                    let x = rng.normal();
                    (x, b * x * x - c + s * rng.normal())
                }
                Target::Donut => {
                    // Radius density ∝ r·N(r; r0, w²): propose from the normal, accept with
                    // r / (r0 + 8w) (the mass beyond 8w, ~1e-15, is accepted always).
                    let (r0, w) = DONUT;
                    let r = loop {
                        let r = r0 + w * rng.normal();
                        if r > 0.0 && rng.uniform() * (r0 + 8.0 * w) < r {
                            break r;
                        }
                    };
                    let t = rng.uniform_in(0.0, TAU);
                    (r * t.cos(), r * t.sin())
                }
                Target::Funnel => {
                    let y = 3.0 * rng.normal();
                    ((0.5 * y).exp() * rng.normal(), y)
                }
                Target::Mixture(k) => {
                    let centers = mixture_centers(*k);
                    let c = centers[rng.below(centers.len() as u64) as usize];
                    (
                        c[0] + MIXTURE.1 * rng.normal(),
                        c[1] + MIXTURE.1 * rng.normal(),
                    )
                }
                Target::Typed(_) => return None,
            };
            xs.push(x);
            ys.push(y);
        }
        Some((xs, ys))
    }

    /// Exact mean and covariance, or None (typed targets).
    pub fn moments(&self) -> Option<Moments> {
        let diag = |a: f64, b: f64| [[a, 0.0], [0.0, b]];
        Some(match self {
            Target::Gaussian => Moments {
                mean: GAUSSIAN_MEAN,
                cov: gaussian_cov(),
            },
            Target::Banana => {
                let (b, c, s) = BANANA;
                // var y = b² var(x²) + s² = 2b² + s²; cov(x, y) = b E[x³] = 0.
                Moments {
                    mean: [0.0, b - c],
                    cov: diag(1.0, 2.0 * b * b + s * s),
                }
            }
            Target::Donut => {
                // E[r²] = E_N[r³]/E_N[r] = (r0³ + 3 r0 w²)/r0, split evenly between x and y.
                let (r0, w) = DONUT;
                let v = 0.5 * (r0 * r0 + 3.0 * w * w);
                Moments {
                    mean: [0.0, 0.0],
                    cov: diag(v, v),
                }
            }
            Target::Funnel => Moments {
                mean: [0.0, 0.0],
                cov: diag(4.5f64.exp(), 9.0),
            },
            Target::Mixture(k) => {
                let centers = mixture_centers(*k);
                let m = centers.len() as f64;
                let mean = [
                    centers.iter().map(|c| c[0]).sum::<f64>() / m,
                    centers.iter().map(|c| c[1]).sum::<f64>() / m,
                ];
                let s2 = MIXTURE.1 * MIXTURE.1;
                let mut cov = diag(s2, s2);
                for c in &centers {
                    let d = [c[0] - mean[0], c[1] - mean[1]];
                    for a in 0..2 {
                        for b in 0..2 {
                            cov[a][b] += d[a] * d[b] / m;
                        }
                    }
                }
                Moments { mean, cov }
            }
            Target::Typed(_) => return None,
        })
    }

    /// A fixed plot frame that holds nearly all the mass (typed targets: from the reference set).
    pub fn extent(&self) -> Option<Extent> {
        Some(match self {
            Target::Gaussian => {
                let cov = gaussian_cov();
                let (hx, hy) = (3.5 * cov[0][0].sqrt(), 3.5 * cov[1][1].sqrt());
                let (mx, my) = (GAUSSIAN_MEAN[0], GAUSSIAN_MEAN[1]);
                let out = |v: f64, up: bool| {
                    if up {
                        (v * 2.0).ceil() / 2.0
                    } else {
                        (v * 2.0).floor() / 2.0
                    }
                };
                [
                    out(mx - hx, false),
                    out(mx + hx, true),
                    out(my - hy, false),
                    out(my + hy, true),
                ]
            }
            Target::Banana => [-3.5, 3.5, -2.5, 4.5],
            Target::Donut => [-3.2, 3.2, -3.2, 3.2],
            Target::Funnel => [-15.0, 15.0, -9.0, 9.0],
            Target::Mixture(_) => {
                let r = MIXTURE.0 + 3.5 * MIXTURE.1;
                [-r, r, -r, r]
            }
            Target::Typed(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_written_from_the_constants_the_targets_use() {
        let g = Target::Gaussian.definition_latex();
        for v in ["-0.6871", "0.8010", "0.2260", "0.1652", "0.6779"] {
            assert!(g.contains(v), "{v} missing in {g}");
        }
        assert!(Target::Banana.definition_latex().contains("0.5 x^2 - 1"));
        assert!(Target::Donut.definition_latex().contains("(r - 2)^2"));
        let m = Target::Mixture(4).definition_latex();
        assert!(
            m.contains(r"\frac{1}{4}") && m.contains("radius } 2.5"),
            "{m}"
        );
        assert!(!Target::Mixture(1).definition_latex().contains("circle"));
        let t = TypedDensity::parse("logdensity", "-x^2/2 - y^2").unwrap();
        assert_eq!(
            Target::Typed(Rc::new(t)).definition_latex(),
            r"\log p(x, y) = -\frac{x^{2}}{2} - y^{2} + \text{const}"
        );
    }

    fn analytic() -> Vec<Target> {
        vec![
            Target::Gaussian,
            Target::Banana,
            Target::Donut,
            Target::Funnel,
            Target::Mixture(1),
            Target::Mixture(3),
            Target::Mixture(8),
        ]
    }

    fn one(t: &Target, x: f64, y: f64) -> (f64, f64, f64) {
        let (mut l, mut a, mut b) = ([0.0], [0.0], [0.0]);
        t.eval(&[x], &[y], &mut l, &mut a, &mut b).unwrap();
        (l[0], a[0], b[0])
    }

    #[test]
    fn gradients_are_the_derivatives_of_the_log_densities() {
        let mut rng = Rng::new(4);
        for t in analytic() {
            for _ in 0..20 {
                let (x, y) = (rng.uniform_in(-3.0, 3.0), rng.uniform_in(-3.0, 3.0));
                let (_, gx, gy) = one(&t, x, y);
                let e = 1e-5;
                let nx = (one(&t, x + e, y).0 - one(&t, x - e, y).0) / (2.0 * e);
                let ny = (one(&t, x, y + e).0 - one(&t, x, y - e).0) / (2.0 * e);
                let tol = 1e-6 * (1.0 + gx.abs() + gy.abs());
                assert!(
                    (nx - gx).abs() < tol && (ny - gy).abs() < tol,
                    "{} at ({x}, {y})",
                    t.id()
                );
            }
        }
    }

    #[test]
    fn densities_integrate_to_one_on_their_frames() {
        // Midpoint rule on a fine grid over a frame widened to hold the tails.
        for t in analytic() {
            if matches!(t, Target::Funnel) {
                continue; // its neck needs adaptive quadrature; covered by the sample moments
            }
            let [x0, x1, y0, y1] = t.extent().unwrap();
            let (cx, cy, hx, hy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, x1 - x0, y1 - y0);
            let m = 600;
            let (dx, dy) = (2.0 * hx / m as f64, 2.0 * hy / m as f64);
            let mut total = 0.0;
            for i in 0..m {
                for j in 0..m {
                    let x = cx - hx + (i as f64 + 0.5) * dx;
                    let y = cy - hy + (j as f64 + 0.5) * dy;
                    total += one(&t, x, y).0.exp() * dx * dy;
                }
            }
            assert!((total - 1.0).abs() < 1e-3, "{}: {total}", t.id());
        }
    }

    #[test]
    fn exact_samples_have_the_exact_moments() {
        for t in analytic() {
            let n = 200_000;
            let (xs, ys) = t.sample(n, &mut Rng::new(11)).unwrap();
            let m = t.moments().unwrap();
            let mean = [
                xs.iter().sum::<f64>() / n as f64,
                ys.iter().sum::<f64>() / n as f64,
            ];
            let c = |a: &[f64], b: &[f64], ma: f64, mb: f64| {
                a.iter()
                    .zip(b)
                    .map(|(u, v)| (u - ma) * (v - mb))
                    .sum::<f64>()
                    / n as f64
            };
            let cov = [
                [c(&xs, &xs, mean[0], mean[0]), c(&xs, &ys, mean[0], mean[1])],
                [c(&xs, &ys, mean[0], mean[1]), c(&ys, &ys, mean[1], mean[1])],
            ];
            // The funnel's var x = e^4.5 comes from rare huge values: its estimate is noisy.
            let rel = if matches!(t, Target::Funnel) {
                0.15
            } else {
                0.02
            };
            let scale = (m.cov[0][0] + m.cov[1][1]).sqrt();
            for a in 0..2 {
                assert!(
                    (mean[a] - m.mean[a]).abs() < 0.02 * scale,
                    "{} mean {mean:?} vs {:?}",
                    t.id(),
                    m.mean
                );
                for b in 0..2 {
                    let s = (m.cov[a][a] * m.cov[b][b]).sqrt();
                    assert!(
                        (cov[a][b] - m.cov[a][b]).abs() < rel * s,
                        "{} cov {cov:?} vs {:?}",
                        t.id(),
                        m.cov
                    );
                }
            }
        }
    }
}
