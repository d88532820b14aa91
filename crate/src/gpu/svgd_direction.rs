//! The SVGD direction in 2D on the GPU (before the 1/n):
//!
//! out[i] = Σ_j [k_ij s_j + (x_i − x_j) k_ij / h],  k_ij = exp(−‖x_i − x_j‖²/(2h)),
//!
//! with the scores s_j = ∇log p(x_j) given. `reference` is the f64 oracle; the CPU path is
//! `particles::svgd::direction` (SIMD pair kernel); `SvgdDirection` runs shaders/svgd_direction.wgsl.

use super::compute::{bind_group, buffer, dispatch_and_read, pipeline, workgroups};
use super::rbf_pair_sum::MAX_POINTS;
use super::{GpuContext, GpuError};

/// f64 double loop over interleaved points and scores (n × 2 each); returns n × 2.
pub fn reference(points: &[f32], scores: &[f32], h: f64) -> Vec<f64> {
    let n = points.len() / 2;
    let mut out = vec![0.0; 2 * n];
    for i in 0..n {
        for j in 0..n {
            let dx = points[2 * i] as f64 - points[2 * j] as f64;
            let dy = points[2 * i + 1] as f64 - points[2 * j + 1] as f64;
            let k = (-(dx * dx + dy * dy) / (2.0 * h)).exp();
            out[2 * i] += k * (scores[2 * j] as f64 + dx / h);
            out[2 * i + 1] += k * (scores[2 * j + 1] as f64 + dy / h);
        }
    }
    out
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Params {
    n: u32,
    pad: u32,
    neg_inv_two_h: f32,
    inv_h: f32,
}

struct Buffers {
    n: usize,
    params: wgpu::Buffer,
    points: wgpu::Buffer,
    scores: wgpu::Buffer,
    out: wgpu::Buffer,
    staging: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

pub struct SvgdDirection {
    pipeline: wgpu::ComputePipeline,
    buffers: Option<Buffers>,
}

impl SvgdDirection {
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        Ok(SvgdDirection {
            pipeline: pipeline(
                ctx,
                "svgd_direction",
                include_str!("shaders/svgd_direction.wgsl"),
            )
            .await?,
            buffers: None,
        })
    }

    /// Runs on interleaved points and scores (n × 2 each) with bandwidth h; returns n × 2.
    pub async fn run(
        &mut self,
        ctx: &GpuContext,
        points: &[f32],
        scores: &[f32],
        h: f32,
    ) -> Result<Vec<f32>, GpuError> {
        let n = points.len() / 2;
        if n == 0 || n > MAX_POINTS || points.len() != 2 * n || scores.len() != points.len() {
            return Err(GpuError::Unsupported(format!(
                "{} points with {} score values (1..={MAX_POINTS} 2D points, one score each)",
                points.len() / 2,
                scores.len()
            )));
        }
        if !(h.is_finite() && h > 0.0) {
            return Err(GpuError::Unsupported(format!("bandwidth h = {h}")));
        }
        ctx.check_alive()?;
        if self.buffers.as_ref().is_none_or(|b| b.n != n) {
            use wgpu::BufferUsages as U;
            let params = buffer(ctx, "svgd params", 4, U::UNIFORM | U::COPY_DST);
            let pts = buffer(ctx, "svgd points", 2 * n, U::STORAGE | U::COPY_DST);
            let sc = buffer(ctx, "svgd scores", 2 * n, U::STORAGE | U::COPY_DST);
            let out = buffer(ctx, "svgd out", 2 * n, U::STORAGE | U::COPY_SRC);
            let staging = buffer(ctx, "svgd staging", 2 * n, U::MAP_READ | U::COPY_DST);
            let bind_group = bind_group(
                ctx,
                &self.pipeline,
                "svgd_direction",
                &[&params, &pts, &sc, &out],
            );
            self.buffers = Some(Buffers {
                n,
                params,
                points: pts,
                scores: sc,
                out,
                staging,
                bind_group,
            });
        }
        let b = self.buffers.as_ref().expect("allocated above");
        let params = Params {
            n: n as u32,
            pad: 0,
            neg_inv_two_h: -0.5 / h,
            inv_h: 1.0 / h,
        };
        ctx.queue
            .write_buffer(&b.params, 0, bytemuck::bytes_of(&params));
        ctx.queue
            .write_buffer(&b.points, 0, bytemuck::cast_slice(points));
        ctx.queue
            .write_buffer(&b.scores, 0, bytemuck::cast_slice(scores));
        dispatch_and_read(
            ctx,
            &self.pipeline,
            &b.bind_group,
            workgroups(n),
            &b.out,
            &b.staging,
            2 * n,
        )
        .await
    }
}
