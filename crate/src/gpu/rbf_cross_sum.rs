//! RBF cross sums between two 2D point sets on the GPU, the O(N·M) part of the MMD:
//!
//! out[i] = Σ_j exp(−‖a_i − b_j‖²/(2h)).
//!
//! `reference` is the f64 oracle; the CPU path is `particles::cross_kernel::cross_sums`;
//! `RbfCrossSum` runs shaders/rbf_cross_sum.wgsl.

use super::compute::{bind_group, buffer, dispatch_and_read, pipeline, workgroups};
use super::rbf_pair_sum::MAX_POINTS;
use super::{GpuContext, GpuError};

/// f64 double loop over interleaved points (n × 2 and m × 2).
pub fn reference(a: &[f32], b: &[f32], h: f64) -> Vec<f64> {
    a.chunks_exact(2)
        .map(|p| {
            b.chunks_exact(2)
                .map(|q| {
                    let (dx, dy) = (p[0] as f64 - q[0] as f64, p[1] as f64 - q[1] as f64);
                    (-(dx * dx + dy * dy) / (2.0 * h)).exp()
                })
                .sum()
        })
        .collect()
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    n: u32,
    m: u32,
    neg_inv_two_h: f32,
    pad: f32,
}

struct Buffers {
    n: usize,
    m: usize,
    params: wgpu::Buffer,
    a: wgpu::Buffer,
    b: wgpu::Buffer,
    out: wgpu::Buffer,
    staging: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

pub struct RbfCrossSum {
    pipeline: wgpu::ComputePipeline,
    buffers: Option<Buffers>,
}

impl RbfCrossSum {
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        Ok(RbfCrossSum {
            pipeline: pipeline(
                ctx,
                "rbf_cross_sum",
                include_str!("shaders/rbf_cross_sum.wgsl"),
            )
            .await?,
            buffers: None,
        })
    }

    /// Σ_j k(a_i, b_j) for interleaved 2D points a (n × 2) and b (m × 2).
    pub async fn run(
        &mut self,
        ctx: &GpuContext,
        a: &[f32],
        b: &[f32],
        h: f32,
    ) -> Result<Vec<f32>, GpuError> {
        let (n, m) = (a.len() / 2, b.len() / 2);
        if n == 0
            || m == 0
            || n > MAX_POINTS
            || m > MAX_POINTS
            || !a.len().is_multiple_of(2)
            || !b.len().is_multiple_of(2)
        {
            return Err(GpuError::Unsupported(format!(
                "point sets of {} and {} coordinates (1..={MAX_POINTS} 2D points each)",
                a.len(),
                b.len()
            )));
        }
        if !(h.is_finite() && h > 0.0) {
            return Err(GpuError::Unsupported(format!("bandwidth h = {h}")));
        }
        ctx.check_alive()?;
        if self
            .buffers
            .as_ref()
            .is_none_or(|buf| buf.n != n || buf.m != m)
        {
            use wgpu::BufferUsages as U;
            let params = buffer(ctx, "cross params", 4, U::UNIFORM | U::COPY_DST);
            let ba = buffer(ctx, "cross a", 2 * n, U::STORAGE | U::COPY_DST);
            let bb = buffer(ctx, "cross b", 2 * m, U::STORAGE | U::COPY_DST);
            let out = buffer(ctx, "cross out", n, U::STORAGE | U::COPY_SRC);
            let staging = buffer(ctx, "cross staging", n, U::MAP_READ | U::COPY_DST);
            let bind_group = bind_group(
                ctx,
                &self.pipeline,
                "rbf_cross_sum",
                &[&params, &ba, &bb, &out],
            );
            self.buffers = Some(Buffers {
                n,
                m,
                params,
                a: ba,
                b: bb,
                out,
                staging,
                bind_group,
            });
        }
        let buf = self.buffers.as_ref().expect("allocated above");
        let params = Params {
            n: n as u32,
            m: m as u32,
            neg_inv_two_h: -0.5 / h,
            pad: 0.0,
        };
        ctx.queue
            .write_buffer(&buf.params, 0, bytemuck::bytes_of(&params));
        ctx.queue.write_buffer(&buf.a, 0, bytemuck::cast_slice(a));
        ctx.queue.write_buffer(&buf.b, 0, bytemuck::cast_slice(b));
        dispatch_and_read(
            ctx,
            &self.pipeline,
            &buf.bind_group,
            workgroups(n),
            &buf.out,
            &buf.staging,
            n,
        )
        .await
    }
}
