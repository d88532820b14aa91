//! How a flow's direction φ moves the particles: plain steps x ← x + ε φ, or Adam on each
//! coordinate with φ as the ascent direction (as the repulsive-ensembles code trains its
//! particles). Langevin algorithms always take plain steps: Adam would distort their noise.

#[derive(Clone, Debug)]
pub enum Optimizer {
    Plain,
    Adam { m: Vec<f64>, v: Vec<f64>, t: i32 },
}

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPS: f64 = 1e-8;

impl Optimizer {
    pub fn new(adam: bool, n: usize) -> Self {
        if adam {
            Optimizer::Adam {
                m: vec![0.0; 2 * n],
                v: vec![0.0; 2 * n],
                t: 0,
            }
        } else {
            Optimizer::Plain
        }
    }

    /// The displacement for direction φ = (φx, φy) with learning rate ε. Pure apart from the
    /// moment estimates, which `commit` keeps only if the step is accepted.
    pub fn displacement(
        &self,
        phi_x: &[f64],
        phi_y: &[f64],
        eps: f64,
    ) -> (Vec<f64>, Vec<f64>, Optimizer) {
        match self {
            Optimizer::Plain => (
                phi_x.iter().map(|p| eps * p).collect(),
                phi_y.iter().map(|p| eps * p).collect(),
                Optimizer::Plain,
            ),
            Optimizer::Adam { m, v, t } => {
                let n = phi_x.len();
                let t = t + 1;
                let (mut m, mut v) = (m.clone(), v.clone());
                let (c1, c2) = (1.0 - BETA1.powi(t), 1.0 - BETA2.powi(t));
                let mut d = vec![0.0; 2 * n];
                for k in 0..2 * n {
                    let g = if k < n { phi_x[k] } else { phi_y[k - n] };
                    m[k] = BETA1 * m[k] + (1.0 - BETA1) * g;
                    v[k] = BETA2 * v[k] + (1.0 - BETA2) * g * g;
                    d[k] = eps * (m[k] / c1) / ((v[k] / c2).sqrt() + EPS);
                }
                let dy = d.split_off(n);
                (d, dy, Optimizer::Adam { m, v, t })
            }
        }
    }
}
