//! Learning-rate schedules as pure functions of the step index (so a run can resume anywhere).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Schedule {
    Constant {
        lr: f64,
    },
    /// Linear warmup from lr/warmup to lr over `warmup` steps, then half-cosine decay to `min_lr`
    /// at step `total` (held there afterwards).
    WarmupCosine {
        lr: f64,
        min_lr: f64,
        warmup: u64,
        total: u64,
    },
    /// SGDR (Loshchilov & Hutter): cosine from lr to `min_lr` over `period` steps, then restart
    /// at lr with the period multiplied by `mult` (≥ 1), as PyTorch's CosineAnnealingWarmRestarts.
    CosineRestarts {
        lr: f64,
        min_lr: f64,
        period: u64,
        mult: u64,
    },
}

fn cosine(lr: f64, min_lr: f64, progress: f64) -> f64 {
    min_lr + 0.5 * (lr - min_lr) * (1.0 + (std::f64::consts::PI * progress.clamp(0.0, 1.0)).cos())
}

impl Schedule {
    /// Learning rate for step `step` (0-based).
    pub fn lr(&self, step: u64) -> f64 {
        match *self {
            Schedule::Constant { lr } => lr,
            Schedule::WarmupCosine {
                lr,
                min_lr,
                warmup,
                total,
            } => {
                if step < warmup {
                    lr * (step + 1) as f64 / warmup as f64
                } else {
                    let span = total.saturating_sub(warmup).max(1);
                    cosine(lr, min_lr, (step - warmup) as f64 / span as f64)
                }
            }
            Schedule::CosineRestarts {
                lr,
                min_lr,
                period,
                mult,
            } => {
                let (mut t, mut len) = (step, period.max(1));
                // Skip whole cycles; lengths grow geometrically, so this is O(log step) for mult > 1.
                while t >= len {
                    t -= len;
                    len = len.saturating_mul(mult.max(1));
                }
                cosine(lr, min_lr, t as f64 / len as f64)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warmup_then_cosine() {
        let s = Schedule::WarmupCosine {
            lr: 1.0,
            min_lr: 0.1,
            warmup: 10,
            total: 110,
        };
        assert!((s.lr(0) - 0.1).abs() < 1e-15);
        assert!((s.lr(9) - 1.0).abs() < 1e-15);
        assert!((s.lr(10) - 1.0).abs() < 1e-15);
        assert!((s.lr(60) - 0.55).abs() < 1e-12);
        assert!((s.lr(110) - 0.1).abs() < 1e-15);
        assert!((s.lr(10_000) - 0.1).abs() < 1e-15);
    }

    #[test]
    fn restarts_follow_the_period_multiplier() {
        let s = Schedule::CosineRestarts {
            lr: 1.0,
            min_lr: 0.0,
            period: 10,
            mult: 2,
        };
        // Cycles start at steps 0, 10, 30, 70.
        for start in [0, 10, 30, 70] {
            assert_eq!(s.lr(start), 1.0);
        }
        assert!((s.lr(5) - 0.5).abs() < 1e-12);
        assert!((s.lr(20) - 0.5).abs() < 1e-12);
        assert!(s.lr(29) < 0.01);
        let c = Schedule::CosineRestarts {
            lr: 2.0,
            min_lr: 0.0,
            period: 4,
            mult: 1,
        };
        assert_eq!(c.lr(8), 2.0);
        assert_eq!(Schedule::Constant { lr: 0.3 }.lr(99), 0.3);
    }
}
