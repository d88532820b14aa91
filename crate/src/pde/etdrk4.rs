//! ETDRK4 (Cox–Matthews, with the Kassam–Trefethen contour-integral coefficients) for
//! v_t = c ⊙ v + N(v) with a diagonal linear operator c (Fourier space): the stiff linear part is
//! integrated exactly, the nonlinear part to fourth order. Complex c covers dispersive operators.

use super::complex::C;

/// Coefficients for one step size.
pub struct Etdrk4 {
    e: Vec<C>,
    e2: Vec<C>,
    q: Vec<C>,
    f1: Vec<C>,
    f2: Vec<C>,
    f3: Vec<C>,
}

/// Contour points: the φ-functions below cancel catastrophically for small |z|; averaging them
/// over a circle of radius 1 around z (Kassam & Trefethen 2005) avoids that.
const CONTOUR: usize = 32;

impl Etdrk4 {
    pub fn new(c: &[C], dt: f64) -> Etdrk4 {
        let n = c.len();
        let mut s = Etdrk4 {
            e: Vec::with_capacity(n),
            e2: Vec::with_capacity(n),
            q: Vec::with_capacity(n),
            f1: Vec::with_capacity(n),
            f2: Vec::with_capacity(n),
            f3: Vec::with_capacity(n),
        };
        let roots: Vec<C> = (0..CONTOUR)
            .map(|j| {
                let t = std::f64::consts::PI * (j as f64 + 0.5) / CONTOUR as f64 * 2.0;
                C::new(t.cos(), t.sin())
            })
            .collect();
        for &ck in c {
            let l = ck.scale(dt);
            s.e.push(l.exp());
            s.e2.push(l.scale(0.5).exp());
            let (mut q, mut f1, mut f2, mut f3) =
                (C::default(), C::default(), C::default(), C::default());
            for r in &roots {
                let z = l + *r;
                let ez = z.exp();
                let z2 = z * z;
                let z3 = z2 * z;
                let one = C::new(1.0, 0.0);
                q = q + ((z.scale(0.5)).exp() - one) / z;
                f1 =
                    f1 + (C::new(-4.0, 0.0) - z + ez * (C::new(4.0, 0.0) - z.scale(3.0) + z2)) / z3;
                f2 = f2 + (C::new(2.0, 0.0) + z + ez * (C::new(-2.0, 0.0) + z)) / z3;
                f3 =
                    f3 + (C::new(-4.0, 0.0) - z.scale(3.0) - z2 + ez * (C::new(4.0, 0.0) - z)) / z3;
            }
            let m = dt / CONTOUR as f64;
            s.q.push(q.scale(m));
            s.f1.push(f1.scale(m));
            s.f2.push(f2.scale(m));
            s.f3.push(f3.scale(m));
        }
        s
    }

    /// One step of v (Fourier coefficients) with the nonlinear term `nonlinear(v) → N(v)`.
    pub fn step(&self, v: &[C], nonlinear: &mut dyn FnMut(&[C]) -> Vec<C>) -> Vec<C> {
        let n = v.len();
        let nv = nonlinear(v);
        let a: Vec<C> = (0..n)
            .map(|k| self.e2[k] * v[k] + self.q[k] * nv[k])
            .collect();
        let na = nonlinear(&a);
        let b: Vec<C> = (0..n)
            .map(|k| self.e2[k] * v[k] + self.q[k] * na[k])
            .collect();
        let nb = nonlinear(&b);
        let c: Vec<C> = (0..n)
            .map(|k| self.e2[k] * a[k] + self.q[k] * (nb[k].scale(2.0) - nv[k]))
            .collect();
        let nc = nonlinear(&c);
        (0..n)
            .map(|k| {
                self.e[k] * v[k]
                    + nv[k] * self.f1[k]
                    + (na[k] + nb[k]).scale(2.0) * self.f2[k]
                    + nc[k] * self.f3[k]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_problems_are_integrated_exactly() {
        // v' = c v: the exponential is exact whatever the step.
        let c = [C::new(-100.0, 0.0), C::new(0.0, 50.0), C::new(-1e-9, 0.0)];
        let s = Etdrk4::new(&c, 0.1);
        let v = s.step(&[C::new(1.0, 0.0); 3], &mut |v| vec![C::default(); v.len()]);
        for (k, ck) in c.iter().enumerate() {
            let exact = ck.scale(0.1).exp();
            assert!((v[k] - exact).abs() < 1e-13);
        }
    }

    #[test]
    fn fourth_order_on_a_scalar_nonlinear_ode() {
        // v' = −v + v² with v(0) = 0.5 has v(t) = 1 / (1 + e^t).
        let err = |dt: f64| {
            let s = Etdrk4::new(&[C::new(-1.0, 0.0)], dt);
            let mut v = vec![C::new(0.5, 0.0)];
            let steps = (1.0 / dt).round() as usize;
            for _ in 0..steps {
                v = s.step(&v, &mut |v| vec![v[0] * v[0]]);
            }
            (v[0].re - 1.0 / (1.0 + 1f64.exp())).abs()
        };
        let (e1, e2) = (err(0.1), err(0.05));
        let order = (e1 / e2).log2();
        assert!(
            (3.7..4.5).contains(&order),
            "order {order} ({e1:e}, {e2:e})"
        );
    }
}
