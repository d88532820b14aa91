//! Bandwidths of the RBF kernel k(x, y) = exp(−‖x − y‖²/(2h)).
//!
//! The median heuristic h = med²/(2 log(n + 1)) (med² the median squared pairwise distance) makes
//! Σ_j k_ij ≈ n·(n+1)^{−1/2}… balanced against the driving term; computed exactly it selects
//! among n(n−1)/2 distances, which at n = 4096 costs 5–9× an SVGD step
//! (../shared/notes/performance.md). So it is amortized: distances among at most
//! `MEDIAN_SUBSAMPLE` particles (evenly strided: 32 640 pairs), and the lab refreshes h every
//! `MEDIAN_EVERY` steps.

/// Particles whose pairwise distances enter the median.
pub const MEDIAN_SUBSAMPLE: usize = 256;
/// Steps between updates of the median-heuristic bandwidth in the particle lab.
pub const MEDIAN_EVERY: u64 = 10;
/// The bandwidth never falls below this (all particles at one point would give h = 0).
pub const MIN_BANDWIDTH: f64 = 1e-8;

/// Indices of an evenly strided subsample of at most m of n items (all of them when n ≤ m).
pub fn strided(n: usize, m: usize) -> impl Iterator<Item = usize> {
    let m = m.min(n);
    (0..m).map(move |k| k * n / m)
}

/// h = med²/(2 log(n + 1)) with med² from the pairs of the subsample and n the full count.
pub fn median_heuristic(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len();
    let idx: Vec<usize> = strided(n, MEDIAN_SUBSAMPLE).collect();
    let mut d2 = Vec::with_capacity(idx.len() * idx.len().saturating_sub(1) / 2);
    for (a, &i) in idx.iter().enumerate() {
        for &j in &idx[a + 1..] {
            d2.push((xs[i] - xs[j]).powi(2) + (ys[i] - ys[j]).powi(2));
        }
    }
    if d2.is_empty() {
        return 1.0;
    }
    let mid = d2.len() / 2;
    let (_, med, _) = d2.select_nth_unstable_by(mid, f64::total_cmp);
    (*med / (2.0 * ((n + 1) as f64).ln())).max(MIN_BANDWIDTH)
}

/// Silverman's rule for a 2D Gaussian KDE, as a variance: h = σ̄² m^{−1/3} (σ̄² the mean of the
/// two coordinate variances; in 2D the rule's constant (4/(d+2))^{1/(d+4)} is 1).
pub fn silverman(xs: &[f64], ys: &[f64]) -> f64 {
    let m = xs.len() as f64;
    let var = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / m;
        v.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (m - 1.0).max(1.0)
    };
    (0.5 * (var(xs) + var(ys)) * m.powf(-1.0 / 3.0)).max(MIN_BANDWIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn median_heuristic_matches_the_exact_median_on_small_sets() {
        let mut rng = Rng::new(2);
        let n = 200; // below the subsample size: exact
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let ys: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mut all = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                all.push((xs[i] - xs[j]).powi(2) + (ys[i] - ys[j]).powi(2));
            }
        }
        all.sort_by(f64::total_cmp);
        let expect = all[all.len() / 2] / (2.0 * (n as f64 + 1.0).ln());
        assert_eq!(median_heuristic(&xs, &ys), expect);
        // For N(0, I) the squared distance is 2·χ²₂, median 4 ln 2 ≈ 2.77.
        assert!((all[all.len() / 2] - 4.0 * 2f64.ln()).abs() < 0.3);
    }

    #[test]
    fn subsampled_median_is_close_on_large_sets() {
        let mut rng = Rng::new(3);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let ys: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let h = median_heuristic(&xs, &ys) * 2.0 * (n as f64 + 1.0).ln();
        assert!((h - 4.0 * 2f64.ln()).abs() < 0.25, "{h}");
        assert_eq!(median_heuristic(&[1.0; 5], &[2.0; 5]), MIN_BANDWIDTH);
    }
}
