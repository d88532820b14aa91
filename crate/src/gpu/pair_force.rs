//! The mean pair force of a typed interaction W(z), z = x_i − x_j in R², exact over all pairs:
//!
//! force[i] = (1/(n−1)) Σ_{j≠i} ∇W(x_i − x_j),
//!
//! the O(N²) part of mean-field Langevin (particles/mfld.rs). The shader is generated at
//! creation: ∂W/∂x and ∂W/∂y as WGSL (`Expr::to_wgsl`) spliced into `shaders/pair_force.wgsl`.
//! The CPU oracle is `mfld::Interaction::drift` at N ≤ 512 (f64, every pair).

use super::compute::{bind_group, buffer, dispatch_and_read, pipeline, workgroups};
use super::{GpuContext, GpuError};
use crate::expr::{Expr, WGSL_PRELUDE};

/// Buffers stay far below every adapter's storage limit (2^20 × 3 × 4 B = 12 MiB).
pub const MAX_POINTS: usize = 1 << 20;

/// Mean forces per particle, and the particles with a term the GPU could not evaluate
/// (an undefined or non-finite ∂W; those particles' sums are unusable).
#[derive(Clone, Debug, PartialEq)]
pub struct PairForces {
    pub fx: Vec<f32>,
    pub fy: Vec<f32>,
    pub bad: Vec<usize>,
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    n: u32,
    inv_count: f32,
    pad0: u32,
    pad1: u32,
}

struct Buffers {
    n: usize,
    params: wgpu::Buffer,
    points: wgpu::Buffer,
    forces: wgpu::Buffer,
    staging: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

pub struct PairForce {
    pipeline: wgpu::ComputePipeline,
    buffers: Option<Buffers>,
}

impl PairForce {
    /// The shader for ∂W/∂x = `wx`, ∂W/∂y = `wy` (expressions in x, y).
    pub fn source(wx: &Expr, wy: &Expr) -> Result<String, GpuError> {
        let code = |e: &Expr| {
            e.to_wgsl()
                .map_err(|err| GpuError::Unsupported(format!("interaction on the GPU: {}", err.0)))
        };
        Ok(include_str!("shaders/pair_force.wgsl")
            .replace("//PRELUDE//", WGSL_PRELUDE)
            .replace("//WX//", &code(wx)?)
            .replace("//WY//", &code(wy)?))
    }

    pub async fn new(ctx: &GpuContext, wx: &Expr, wy: &Expr) -> Result<Self, GpuError> {
        let source = Self::source(wx, wy)?;
        Ok(Self {
            pipeline: pipeline(ctx, "pair_force", &source).await?,
            buffers: None,
        })
    }

    fn ensure_buffers(&mut self, ctx: &GpuContext, n: usize) {
        if self.buffers.as_ref().is_some_and(|b| b.n == n) {
            return;
        }
        use wgpu::BufferUsages as U;
        let params = buffer(ctx, "pair_force params", 4, U::UNIFORM | U::COPY_DST);
        let points = buffer(ctx, "pair_force points", n * 2, U::STORAGE | U::COPY_DST);
        let forces = buffer(ctx, "pair_force forces", n * 3, U::STORAGE | U::COPY_SRC);
        let staging = buffer(ctx, "pair_force staging", n * 3, U::MAP_READ | U::COPY_DST);
        let bind_group = bind_group(
            ctx,
            &self.pipeline,
            "pair_force",
            &[&params, &points, &forces],
        );
        self.buffers = Some(Buffers {
            n,
            params,
            points,
            forces,
            staging,
            bind_group,
        });
    }

    /// Runs the kernel on `points` (n × 2, interleaved x, y), n ≥ 2.
    pub async fn run(&mut self, ctx: &GpuContext, points: &[f32]) -> Result<PairForces, GpuError> {
        let n = points.len() / 2;
        if !points.len().is_multiple_of(2) || !(2..=MAX_POINTS).contains(&n) {
            return Err(GpuError::Unsupported(format!(
                "{} coordinates: pair forces need 2..={MAX_POINTS} points in 2D",
                points.len()
            )));
        }
        ctx.check_alive()?;
        self.ensure_buffers(ctx, n);
        let b = self.buffers.as_ref().expect("allocated above");
        let params = Params {
            n: n as u32,
            inv_count: 1.0 / (n - 1) as f32,
            pad0: 0,
            pad1: 0,
        };
        ctx.queue
            .write_buffer(&b.params, 0, bytemuck::bytes_of(&params));
        ctx.queue
            .write_buffer(&b.points, 0, bytemuck::cast_slice(points));
        let out = dispatch_and_read(
            ctx,
            &self.pipeline,
            &b.bind_group,
            workgroups(n),
            &b.forces,
            &b.staging,
            n * 3,
        )
        .await?;
        let mut forces = PairForces {
            fx: Vec::with_capacity(n),
            fy: Vec::with_capacity(n),
            bad: Vec::new(),
        };
        for (i, v) in out.chunks_exact(3).enumerate() {
            forces.fx.push(v[0]);
            forces.fy.push(v[1]);
            if v[2] != 0.0 || !v[0].is_finite() || !v[1].is_finite() {
                forces.bad.push(i);
            }
        }
        Ok(forces)
    }
}
