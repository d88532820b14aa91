//! Uniform grids on [a, b] with quadrature weights and second-order finite-difference stencils,
//! written as explicit sparse rows so that their transposes (the adjoint a discrete gradient
//! needs) are exact, boundary rows included.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boundary {
    /// u(a) = u(b): N points a + i·(b−a)/N, b excluded.
    Periodic,
    /// u fixed at both ends: N points including a and b; the end values are not unknowns.
    Dirichlet,
    /// No condition: N points including a and b, every value is an unknown.
    Free,
}

impl Boundary {
    pub fn parse(name: &str) -> Option<Boundary> {
        match name {
            "periodic" => Some(Boundary::Periodic),
            "dirichlet" => Some(Boundary::Dirichlet),
            "free" => Some(Boundary::Free),
            _ => None,
        }
    }
}

/// One row of a stencil: (column, coefficient) pairs.
pub type Row = Vec<(usize, f64)>;

#[derive(Clone, Debug)]
pub struct Grid {
    pub a: f64,
    pub b: f64,
    pub boundary: Boundary,
    pub x: Vec<f64>,
    pub h: f64,
    /// Trapezoid weights (periodic: all h; otherwise h/2 at the ends): second order, and exact
    /// for trigonometric polynomials on periodic grids.
    pub weights: Vec<f64>,
    /// First and second derivative stencils, one row per grid point.
    pub d1: Vec<Row>,
    pub d2: Vec<Row>,
}

impl Grid {
    /// Needs n ≥ 4 (the one-sided second-derivative stencil uses four points).
    pub fn new(a: f64, b: f64, n: usize, boundary: Boundary) -> Grid {
        assert!(n >= 4 && b > a);
        let periodic = boundary == Boundary::Periodic;
        let h = if periodic {
            (b - a) / n as f64
        } else {
            (b - a) / (n - 1) as f64
        };
        let x = (0..n)
            .map(|i| {
                if !periodic && i == n - 1 {
                    b
                } else {
                    a + i as f64 * h
                }
            })
            .collect();
        let mut weights = vec![h; n];
        if !periodic {
            weights[0] = h / 2.0;
            weights[n - 1] = h / 2.0;
        }
        let (mut d1, mut d2) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for i in 0..n {
            let interior = periodic || (i > 0 && i < n - 1);
            if interior {
                let (l, r) = ((i + n - 1) % n, (i + 1) % n);
                d1.push(vec![(l, -0.5 / h), (r, 0.5 / h)]);
                d2.push(vec![
                    (l, 1.0 / (h * h)),
                    (i, -2.0 / (h * h)),
                    (r, 1.0 / (h * h)),
                ]);
            } else {
                // Second-order one-sided stencils, mirrored at the right end.
                let (s, idx): (f64, [usize; 4]) = if i == 0 {
                    (1.0, [0, 1, 2, 3])
                } else {
                    (-1.0, [n - 1, n - 2, n - 3, n - 4])
                };
                d1.push(vec![
                    (idx[0], s * -1.5 / h),
                    (idx[1], s * 2.0 / h),
                    (idx[2], s * -0.5 / h),
                ]);
                let c = 1.0 / (h * h);
                d2.push(vec![
                    (idx[0], 2.0 * c),
                    (idx[1], -5.0 * c),
                    (idx[2], 4.0 * c),
                    (idx[3], -c),
                ]);
            }
        }
        Grid {
            a,
            b,
            boundary,
            x,
            h,
            weights,
            d1,
            d2,
        }
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    pub fn apply(rows: &[Row], u: &[f64]) -> Vec<f64> {
        rows.iter()
            .map(|row| row.iter().map(|&(j, c)| c * u[j]).sum())
            .collect()
    }

    /// Dᵀv, the adjoint of a stencil: scatter each row's coefficients back to its columns.
    pub fn apply_transpose(rows: &[Row], v: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; v.len()];
        for (row, vi) in rows.iter().zip(v) {
            for &(j, c) in row {
                out[j] += c * vi;
            }
        }
        out
    }

    /// Σ w_i f_i
    pub fn integrate(&self, f: &[f64]) -> f64 {
        self.weights.iter().zip(f).map(|(w, v)| w * v).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stencils_are_second_order_everywhere() {
        let errors: Vec<(f64, f64)> = [32usize, 64, 128]
            .iter()
            .map(|&n| {
                let g = Grid::new(0.0, 2.0, n, Boundary::Free);
                let u: Vec<f64> = g.x.iter().map(|x| x.sin()).collect();
                let d1 = Grid::apply(&g.d1, &u);
                let d2 = Grid::apply(&g.d2, &u);
                let e1 =
                    g.x.iter()
                        .zip(&d1)
                        .map(|(x, d)| (d - x.cos()).abs())
                        .fold(0.0, f64::max);
                let e2 =
                    g.x.iter()
                        .zip(&d2)
                        .map(|(x, d)| (d + x.sin()).abs())
                        .fold(0.0, f64::max);
                (e1, e2)
            })
            .collect();
        for w in errors.windows(2) {
            let (r1, r2) = (w[0].0 / w[1].0, w[0].1 / w[1].1);
            // Halving h divides the error by ~4 (order 2); allow for pre-asymptotic noise.
            assert!(r1 > 3.5 && r2 > 3.5, "ratios {r1} {r2} from {errors:?}");
        }
    }

    #[test]
    fn transpose_is_the_adjoint() {
        let g = Grid::new(-1.0, 1.0, 9, Boundary::Dirichlet);
        let u: Vec<f64> = (0..9).map(|i| (i as f64 * 0.7).cos()).collect();
        let v: Vec<f64> = (0..9).map(|i| (i as f64 * 1.3).sin()).collect();
        for rows in [&g.d1, &g.d2] {
            let lhs: f64 = Grid::apply(rows, &u)
                .iter()
                .zip(&v)
                .map(|(a, b)| a * b)
                .sum();
            let rhs: f64 = u
                .iter()
                .zip(Grid::apply_transpose(rows, &v))
                .map(|(a, b)| a * b)
                .sum();
            assert!((lhs - rhs).abs() < 1e-9 * lhs.abs().max(1.0));
        }
    }

    #[test]
    fn periodic_grid_excludes_b_and_integrates_trig_exactly() {
        let g = Grid::new(0.0, 1.0, 16, Boundary::Periodic);
        assert!(*g.x.last().unwrap() < 1.0);
        let f: Vec<f64> =
            g.x.iter()
                .map(|x| (std::f64::consts::TAU * 3.0 * x).sin().powi(2))
                .collect();
        assert!((g.integrate(&f) - 0.5).abs() < 1e-14);
    }
}
