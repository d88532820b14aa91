//! Latin-hypercube samples: n points in a box such that each coordinate, cut into n equal cells,
//! has exactly one point per cell. The fixed test sets of the PINN lab are drawn this way, so a
//! 10⁴-point set covers every coordinate evenly even in 21 dimensions.

use crate::rng::Rng;

/// `n` points in `bounds` (one `(lo, hi)` per coordinate), row-major `[n × dim]`.
/// Per coordinate: a random permutation of the cells, and a uniform position inside each cell.
pub fn latin_hypercube(n: usize, bounds: &[(f64, f64)], rng: &mut Rng) -> Vec<f64> {
    let dim = bounds.len();
    let mut out = vec![0.0; n * dim];
    let mut perm: Vec<usize> = (0..n).collect();
    for (j, &(lo, hi)) in bounds.iter().enumerate() {
        // Fisher–Yates.
        for i in (1..n).rev() {
            let k = rng.below(i as u64 + 1) as usize;
            perm.swap(i, k);
        }
        for i in 0..n {
            let u = (perm[i] as f64 + rng.uniform()) / n as f64;
            out[i * dim + j] = lo + (hi - lo) * u;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_point_per_cell_in_every_coordinate() {
        let bounds = [(0.0, 1.0), (-1.0, 1.0), (-0.1, 0.1)];
        let n = 257;
        let pts = latin_hypercube(n, &bounds, &mut Rng::new(3));
        for (j, &(lo, hi)) in bounds.iter().enumerate() {
            let mut seen = vec![false; n];
            for i in 0..n {
                let u = (pts[i * 3 + j] - lo) / (hi - lo);
                assert!((0.0..1.0).contains(&u));
                let cell = (u * n as f64) as usize;
                assert!(!seen[cell], "coordinate {j}: two points in cell {cell}");
                seen[cell] = true;
            }
        }
    }
}
