//! Pairwise RBF kernel sums with gradients (the O(N²) part of SVGD, KDE and MMD):
//!
//! sums[i] = Σ_j k(x_i, x_j),  grads[i] = Σ_j ∇_{x_j} k(x_j, x_i) = Σ_j (x_i − x_j) k_ij / h,
//! with k(x, y) = exp(−‖x − y‖² / (2h)) and points in R^dim, dim ≤ 8.
//!
//! Three implementations that must agree: `reference` (f64, plain loops: the oracle),
//! `cpu` (f32, the CPU fallback, written to vectorize), and `RbfPairSum` (WGSL on the GPU).

use super::compute::{bind_group, pipeline};
use super::exp_approx::exp_neg_f32;
use super::readback::read_f32;
use super::timeout::{DEFAULT_TIMEOUT_MS, with_timeout};
use super::{GpuContext, GpuError};

pub const MAX_DIM: usize = 8;
/// Buffers stay far below every adapter's storage limit (2^20 × 8 × 4 B = 32 MiB).
pub const MAX_POINTS: usize = 1 << 20;
const WORKGROUP: u32 = 64;

/// Kernel sums (length n) and gradients (n × dim, row-major).
#[derive(Clone, Debug, PartialEq)]
pub struct RbfSums {
    pub sums: Vec<f32>,
    pub grads: Vec<f32>,
}

fn check_shape(points: &[f32], dim: usize, h: f64) -> Result<usize, GpuError> {
    if dim == 0 || dim > MAX_DIM {
        return Err(GpuError::Unsupported(format!(
            "dimension {dim} (1..={MAX_DIM} supported)"
        )));
    }
    if !points.len().is_multiple_of(dim) {
        return Err(GpuError::Unsupported(format!(
            "{} coordinates do not split into points of dimension {dim}",
            points.len()
        )));
    }
    let n = points.len() / dim;
    if n == 0 || n > MAX_POINTS {
        return Err(GpuError::Unsupported(format!(
            "{n} points (1..={MAX_POINTS} supported)"
        )));
    }
    if !(h.is_finite() && h > 0.0) {
        return Err(GpuError::Unsupported(format!(
            "bandwidth h = {h} (must be finite and > 0)"
        )));
    }
    Ok(n)
}

/// The oracle: f64 throughout, no tricks. Returns (sums, grads).
pub fn reference(points: &[f32], dim: usize, h: f64) -> (Vec<f64>, Vec<f64>) {
    let n = points.len() / dim;
    let mut sums = vec![0.0; n];
    let mut grads = vec![0.0; n * dim];
    for i in 0..n {
        for j in 0..n {
            let mut r2 = 0.0;
            for k in 0..dim {
                let d = points[i * dim + k] as f64 - points[j * dim + k] as f64;
                r2 += d * d;
            }
            let kv = (-r2 / (2.0 * h)).exp();
            sums[i] += kv;
            for k in 0..dim {
                grads[i * dim + k] +=
                    (points[i * dim + k] as f64 - points[j * dim + k] as f64) * kv / h;
            }
        }
    }
    (sums, grads)
}

/// The CPU path: f32, structure of arrays, 8 independent accumulator lanes so LLVM vectorizes
/// the j loop (a single f32 accumulator would force sequential adds), inline exp.
pub fn cpu(points: &[f32], dim: usize, h: f32) -> Result<RbfSums, GpuError> {
    let n = check_shape(points, dim, h as f64)?;
    let mut out = RbfSums {
        sums: vec![0.0; n],
        grads: vec![0.0; n * dim],
    };
    match dim {
        1 => cpu_dim::<1>(points, h, &mut out),
        2 => cpu_dim::<2>(points, h, &mut out),
        3 => cpu_dim::<3>(points, h, &mut out),
        4 => cpu_dim::<4>(points, h, &mut out),
        5 => cpu_dim::<5>(points, h, &mut out),
        6 => cpu_dim::<6>(points, h, &mut out),
        7 => cpu_dim::<7>(points, h, &mut out),
        _ => cpu_dim::<8>(points, h, &mut out),
    }
    Ok(out)
}

const LANES: usize = 8;

fn cpu_dim<const D: usize>(points: &[f32], h: f32, out: &mut RbfSums) {
    let n = points.len() / D;
    let columns: [Vec<f32>; D] =
        std::array::from_fn(|k| (0..n).map(|j| points[j * D + k]).collect());
    let inv_two_h = 0.5 / h;
    let inv_h = 1.0 / h;
    let full = n - n % LANES;
    for i in 0..n {
        let xi: [f32; D] = std::array::from_fn(|k| columns[k][i]);
        let mut sum = [0.0f32; LANES];
        let mut grad = [[0.0f32; LANES]; D];
        for base in (0..full).step_by(LANES) {
            let mut r2 = [0.0f32; LANES];
            let mut diff = [[0.0f32; LANES]; D];
            for k in 0..D {
                let col = &columns[k][base..base + LANES];
                for l in 0..LANES {
                    diff[k][l] = xi[k] - col[l];
                    r2[l] += diff[k][l] * diff[k][l];
                }
            }
            for l in 0..LANES {
                let kv = exp_neg_f32(-r2[l] * inv_two_h);
                sum[l] += kv;
                for k in 0..D {
                    grad[k][l] += diff[k][l] * kv;
                }
            }
        }
        let mut s: f32 = sum.iter().sum();
        let mut g: [f32; D] = std::array::from_fn(|k| grad[k].iter().sum());
        for j in full..n {
            let mut r2 = 0.0;
            for k in 0..D {
                let d = xi[k] - columns[k][j];
                r2 += d * d;
            }
            let kv = exp_neg_f32(-r2 * inv_two_h);
            s += kv;
            for k in 0..D {
                g[k] += (xi[k] - columns[k][j]) * kv;
            }
        }
        out.sums[i] = s;
        for k in 0..D {
            out.grads[i * D + k] = g[k] * inv_h;
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    n: u32,
    dim: u32,
    inv_two_h: f32,
    inv_h: f32,
}

/// Buffers sized for one (n, dim); rebuilt when the size changes.
struct Buffers {
    n: usize,
    dim: usize,
    params: wgpu::Buffer,
    points: wgpu::Buffer,
    sums: wgpu::Buffer,
    grads: wgpu::Buffer,
    staging: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

/// The GPU kernel: a compiled pipeline plus buffers reused across calls of the same size.
pub struct RbfPairSum {
    pipeline: wgpu::ComputePipeline,
    buffers: Option<Buffers>,
}

impl RbfPairSum {
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        Ok(Self {
            pipeline: pipeline(
                ctx,
                "rbf_pair_sum",
                include_str!("shaders/rbf_pair_sum.wgsl"),
            )
            .await?,
            buffers: None,
        })
    }

    fn ensure_buffers(&mut self, ctx: &GpuContext, n: usize, dim: usize) {
        if self
            .buffers
            .as_ref()
            .is_some_and(|b| b.n == n && b.dim == dim)
        {
            return;
        }
        let storage = |label, len: usize, usage| {
            ctx.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size: (len * 4) as u64,
                usage,
                mapped_at_creation: false,
            })
        };
        use wgpu::BufferUsages as U;
        let params = storage("rbf params", 4, U::UNIFORM | U::COPY_DST);
        let points = storage("rbf points", n * dim, U::STORAGE | U::COPY_DST);
        let sums = storage("rbf sums", n, U::STORAGE | U::COPY_SRC);
        let grads = storage("rbf grads", n * dim, U::STORAGE | U::COPY_SRC);
        let staging = storage("rbf staging", n + n * dim, U::MAP_READ | U::COPY_DST);
        let bind_group = bind_group(
            ctx,
            &self.pipeline,
            "rbf_pair_sum",
            &[&params, &points, &sums, &grads],
        );
        self.buffers = Some(Buffers {
            n,
            dim,
            params,
            points,
            sums,
            grads,
            staging,
            bind_group,
        });
    }

    /// Runs the kernel on `points` (n × dim, row-major) with bandwidth h.
    pub async fn run(
        &mut self,
        ctx: &GpuContext,
        points: &[f32],
        dim: usize,
        h: f32,
    ) -> Result<RbfSums, GpuError> {
        let n = check_shape(points, dim, h as f64)?;
        ctx.check_alive()?;
        let scope = ctx.device.push_error_scope(wgpu::ErrorFilter::Validation);
        self.ensure_buffers(ctx, n, dim);
        let buffers = self.buffers.as_ref().expect("allocated above");
        let params = Params {
            n: n as u32,
            dim: dim as u32,
            inv_two_h: 0.5 / h,
            inv_h: 1.0 / h,
        };
        ctx.queue
            .write_buffer(&buffers.params, 0, bytemuck::bytes_of(&params));
        ctx.queue
            .write_buffer(&buffers.points, 0, bytemuck::cast_slice(points));
        let mut encoder = ctx.device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_compute_pass(&Default::default());
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, &buffers.bind_group, &[]);
            pass.dispatch_workgroups((n as u32).div_ceil(WORKGROUP), 1, 1);
        }
        encoder.copy_buffer_to_buffer(&buffers.sums, 0, &buffers.staging, 0, (n * 4) as u64);
        encoder.copy_buffer_to_buffer(
            &buffers.grads,
            0,
            &buffers.staging,
            (n * 4) as u64,
            (n * dim * 4) as u64,
        );
        ctx.queue.submit([encoder.finish()]);
        let validation = scope.pop();
        let values = read_f32(ctx, &buffers.staging, n + n * dim).await?;
        if let Some(error) = with_timeout(validation, DEFAULT_TIMEOUT_MS, "error check").await? {
            return Err(GpuError::Failed(error.to_string()));
        }
        if let Some(error) = ctx.take_uncaptured_error() {
            return Err(GpuError::Failed(error));
        }
        ctx.check_alive()?;
        let (sums, grads) = values.split_at(n);
        Ok(RbfSums {
            sums: sums.to_vec(),
            grads: grads.to_vec(),
        })
    }
}

/// Normwise relative error max_i |a_i − b_i| / max_i |b_i|, the measure used by the parity tests
/// and the Device page (elementwise ratios would blow up where gradients cancel to ~0).
/// The scale is floored at 1e-30: below that, f32 kernels underflow (f32's smallest normal is
/// 1.2e-38; GPU exp flushes earlier) while the f64 reference still resolves values like 1e-67.
pub fn normwise_rel_error(approx: &[f32], exact: &[f64]) -> f64 {
    let scale = exact.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-30);
    let worst = approx
        .iter()
        .zip(exact)
        .fold(0.0f64, |m, (a, b)| m.max((*a as f64 - b).abs()));
    worst / scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn random_points(n: usize, dim: usize, seed: u64) -> Vec<f32> {
        let mut rng = Rng::new(seed);
        (0..n * dim).map(|_| rng.normal() as f32).collect()
    }

    #[test]
    fn cpu_path_matches_reference_for_every_dimension() {
        for dim in 1..=MAX_DIM {
            // 37 points: exercises both the 8-lane blocks and the remainder loop.
            let points = random_points(37, dim, dim as u64);
            let h = 0.3 * dim as f64;
            let fast = cpu(&points, dim, h as f32).unwrap();
            let (sums, grads) = reference(&points, dim, h);
            assert!(
                normwise_rel_error(&fast.sums, &sums) < 1e-5,
                "dim {dim} sums"
            );
            assert!(
                normwise_rel_error(&fast.grads, &grads) < 1e-5,
                "dim {dim} grads"
            );
        }
    }

    #[test]
    fn gradient_is_the_derivative_of_the_pair_sum() {
        // d/dx_i of ½ Σ_{a,b} k(x_a, x_b) = Σ_j ∇_{x_i} k(x_i, x_j) = −grads[i]: check by central differences.
        let dim = 3;
        let mut points = random_points(9, dim, 11);
        let h = 0.7;
        let total = |p: &[f32]| reference(p, dim, h).0.iter().sum::<f64>() * 0.5;
        let (_, grads) = reference(&points, dim, h);
        let eps = 1e-2f32;
        for idx in [0, 4, 13, 26] {
            let orig = points[idx];
            points[idx] = orig + eps;
            let up = total(&points);
            points[idx] = orig - eps;
            let down = total(&points);
            points[idx] = orig;
            let numeric = (up - down) / (2.0 * eps as f64);
            assert!(
                (numeric + grads[idx]).abs() < 2e-4,
                "index {idx}: {numeric} vs {}",
                -grads[idx]
            );
        }
    }

    #[test]
    fn bad_shapes_are_errors_not_panics() {
        assert!(cpu(&[1.0; 9], 9, 1.0).is_err());
        assert!(cpu(&[1.0; 5], 2, 1.0).is_err());
        assert!(cpu(&[], 2, 1.0).is_err());
        assert!(cpu(&[1.0; 4], 2, 0.0).is_err());
        assert!(cpu(&[1.0; 4], 2, f32::NAN).is_err());
    }
}
