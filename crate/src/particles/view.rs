//! What the particle lab's views draw besides the particles: the target's density on a grid
//! and marginal histograms, all over the lab's fixed frame [x0, x1] × [y0, y1].

use crate::measure::{Extent, Target};

pub const GRID: usize = 128;
pub const BINS: usize = 64;

/// exp(log p − max) on a GRID × GRID grid of cell centres, row-major, row 0 at y0 (bottom):
/// values in [0, 1]. Points where a typed density is undefined are 0.
pub fn density_grid(target: &Target, e: &Extent) -> Vec<f32> {
    let [x0, x1, y0, y1] = *e;
    let mut xs = Vec::with_capacity(GRID * GRID);
    let mut ys = Vec::with_capacity(GRID * GRID);
    for r in 0..GRID {
        for c in 0..GRID {
            xs.push(x0 + (c as f64 + 0.5) * (x1 - x0) / GRID as f64);
            ys.push(y0 + (r as f64 + 0.5) * (y1 - y0) / GRID as f64);
        }
    }
    let m = xs.len();
    let (mut lp, mut gx, mut gy) = (vec![0.0; m], vec![0.0; m], vec![0.0; m]);
    match target {
        Target::Typed(t) => t.eval_lenient(&xs, &ys, &mut lp, &mut gx, &mut gy),
        other => {
            let _ = other.eval(&xs, &ys, &mut lp, &mut gx, &mut gy);
        }
    }
    let top = lp
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    lp.iter()
        .map(|&v| {
            if v.is_finite() {
                (v - top).exp() as f32
            } else {
                0.0
            }
        })
        .collect()
}

/// Histogram of `values` over [lo, hi] in BINS bins, scaled to a probability density (points
/// outside the frame count toward the total, so the bars show the share inside).
pub fn histogram(values: &[f64], lo: f64, hi: f64) -> Vec<f32> {
    let mut counts = vec![0.0f64; BINS];
    let width = (hi - lo) / BINS as f64;
    for &v in values {
        let b = ((v - lo) / width).floor();
        if b >= 0.0 && b < BINS as f64 {
            counts[b as usize] += 1.0;
        }
    }
    let scale = 1.0 / (values.len().max(1) as f64 * width);
    counts.iter().map(|c| (c * scale) as f32).collect()
}

/// The target's marginal densities from the grid, on the histograms' bins (BINS divides GRID).
pub fn grid_marginals(grid: &[f32], e: &Extent) -> (Vec<f32>, Vec<f32>) {
    let [x0, x1, y0, y1] = *e;
    let per = GRID / BINS;
    let total: f64 = grid.iter().map(|v| *v as f64).sum();
    let (mut mx, mut my) = (vec![0.0f64; BINS], vec![0.0f64; BINS]);
    for r in 0..GRID {
        for c in 0..GRID {
            let v = grid[r * GRID + c] as f64 / total.max(f64::MIN_POSITIVE);
            mx[c / per] += v;
            my[r / per] += v;
        }
    }
    let (wx, wy) = ((x1 - x0) / BINS as f64, (y1 - y0) / BINS as f64);
    (
        mx.iter().map(|v| (v / wx) as f32).collect(),
        my.iter().map(|v| (v / wy) as f32).collect(),
    )
}
