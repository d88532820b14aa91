//! Gauss–Legendre quadrature: nodes by Newton's method on P_n from Tricomi's asymptotic guesses
//! (converges in a few iterations for every n), and an adaptive composite rule that halves
//! panels until two rules agree, for integrals that must not depend on a user's grid.

/// Nodes and weights on [−1, 1], exact for polynomials of degree ≤ 2n − 1.
#[derive(Clone, Debug)]
pub struct GaussLegendre {
    pub nodes: Vec<f64>,
    pub weights: Vec<f64>,
}

/// P_n(t) and P_n'(t) by the three-term recurrence.
fn legendre_with_derivative(n: usize, t: f64) -> (f64, f64) {
    let (mut p0, mut p1) = (1.0, t);
    if n == 0 {
        return (1.0, 0.0);
    }
    for k in 2..=n {
        let k = k as f64;
        let p2 = ((2.0 * k - 1.0) * t * p1 - (k - 1.0) * p0) / k;
        p0 = p1;
        p1 = p2;
    }
    // P_n' = n (t P_n − P_{n−1}) / (t² − 1); nodes are interior, so t² ≠ 1.
    let dp = n as f64 * (t * p1 - p0) / (t * t - 1.0);
    (p1, dp)
}

impl GaussLegendre {
    pub fn new(n: usize) -> Self {
        assert!(n >= 1, "Gauss–Legendre needs at least one node");
        let mut nodes = vec![0.0; n];
        let mut weights = vec![0.0; n];
        let nf = n as f64;
        for i in 0..n.div_ceil(2) {
            // Tricomi's approximation of the i-th largest root.
            let theta = std::f64::consts::PI * (4.0 * i as f64 + 3.0) / (4.0 * nf + 2.0);
            let mut t = (1.0 - (nf - 1.0) / (8.0 * nf * nf * nf)) * theta.cos();
            for _ in 0..100 {
                let (p, dp) = legendre_with_derivative(n, t);
                let step = p / dp;
                t -= step;
                if step.abs() < 1e-16 {
                    break;
                }
            }
            let (_, dp) = legendre_with_derivative(n, t);
            let w = 2.0 / ((1.0 - t * t) * dp * dp);
            nodes[i] = t;
            nodes[n - 1 - i] = -t;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        if n % 2 == 1 {
            nodes[n / 2] = 0.0;
        }
        nodes.reverse();
        weights.reverse();
        Self { nodes, weights }
    }

    /// ∫_a^b f(x) dx with this rule mapped to [a, b].
    pub fn integrate(&self, a: f64, b: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
        let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
        half * self
            .nodes
            .iter()
            .zip(&self.weights)
            .map(|(t, w)| w * f(mid + half * t))
            .sum::<f64>()
    }
}

/// Adaptive composite Gauss–Legendre: on each panel compare the 10-point and 20-point rules and
/// split until they agree to `rel_tol` of the running total (or the depth limit is reached).
/// Returns (integral, estimated absolute error).
pub fn integrate_adaptive(
    a: f64,
    b: f64,
    rel_tol: f64,
    mut f: impl FnMut(f64) -> f64,
) -> (f64, f64) {
    let coarse = GaussLegendre::new(10);
    let fine = GaussLegendre::new(20);
    const MAX_PANELS: usize = 4096;
    let mut panels = vec![(a, b)];
    let mut total = 0.0;
    let mut error = 0.0;
    let mut done = 0usize;
    // A first pass gives the scale the tolerance refers to.
    let scale = fine.integrate(a, b, &mut f).abs().max(f64::MIN_POSITIVE);
    while let Some((lo, hi)) = panels.pop() {
        let i1 = coarse.integrate(lo, hi, &mut f);
        let i2 = fine.integrate(lo, hi, &mut f);
        let e = (i2 - i1).abs();
        let width_share = (hi - lo) / (b - a);
        if e <= rel_tol * scale * width_share
            || done + panels.len() >= MAX_PANELS
            || hi - lo < 1e-12 * (b - a)
        {
            total += i2;
            error += e;
            done += 1;
        } else {
            let mid = 0.5 * (lo + hi);
            panels.push((lo, mid));
            panels.push((mid, hi));
        }
    }
    (total, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_for_polynomials_up_to_degree_2n_minus_1() {
        for n in [1usize, 2, 5, 16, 64] {
            let g = GaussLegendre::new(n);
            assert!((g.weights.iter().sum::<f64>() - 2.0).abs() < 1e-13);
            assert!(g.nodes.windows(2).all(|w| w[0] < w[1]));
            for deg in 0..(2 * n) {
                let exact = if deg % 2 == 1 {
                    0.0
                } else {
                    2.0 / (deg as f64 + 1.0)
                };
                let got = g.integrate(-1.0, 1.0, |x| x.powi(deg as i32));
                assert!(
                    (got - exact).abs() < 1e-12,
                    "n={n} deg={deg}: {got} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn large_rules_stay_accurate() {
        let g = GaussLegendre::new(500);
        let got = g.integrate(0.0, std::f64::consts::PI, f64::sin);
        assert!((got - 2.0).abs() < 1e-13);
    }

    #[test]
    fn adaptive_rule_handles_peaks_and_reports_its_error() {
        // ∫_{-1}^{1} 1/(1e-4 + x²) dx = 2·atan(100)/0.01
        let exact = 2.0 * 100f64.atan() / 0.01;
        let (got, err) = integrate_adaptive(-1.0, 1.0, 1e-12, |x| 1.0 / (1e-4 + x * x));
        assert!(((got - exact) / exact).abs() < 1e-10, "{got} vs {exact}");
        assert!(err < 1e-8 * exact);
        let (smooth, _) = integrate_adaptive(0.0, 1.0, 1e-13, f64::exp);
        assert!((smooth - (1f64.exp() - 1.0)).abs() < 1e-13);
    }
}
