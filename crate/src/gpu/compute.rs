//! What every compute kernel does the same way: compile its WGSL inside a validation scope,
//! make buffers and a bind group (bindings 0, 1, … in order), dispatch once and read one output
//! back with every error turned into a `GpuError`.

use super::readback::read_f32;
use super::timeout::{DEFAULT_TIMEOUT_MS, with_timeout};
use super::{GpuContext, GpuError};

/// A compute pipeline with entry point `main` and an inferred layout.
pub async fn pipeline(
    ctx: &GpuContext,
    label: &'static str,
    source: &str,
) -> Result<wgpu::ComputePipeline, GpuError> {
    ctx.check_alive()?;
    let scope = ctx.device.push_error_scope(wgpu::ErrorFilter::Validation);
    let module = ctx
        .device
        .create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(label),
            source: wgpu::ShaderSource::Wgsl(source.into()),
        });
    let pipeline = ctx
        .device
        .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some(label),
            layout: None,
            module: &module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
    if let Some(error) = with_timeout(scope.pop(), DEFAULT_TIMEOUT_MS, "pipeline creation").await? {
        return Err(GpuError::Failed(format!("{label} pipeline: {error}")));
    }
    Ok(pipeline)
}

/// A buffer of `floats` 32-bit values.
pub fn buffer(
    ctx: &GpuContext,
    label: &'static str,
    floats: usize,
    usage: wgpu::BufferUsages,
) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: (floats.max(1) * 4) as u64,
        usage,
        mapped_at_creation: false,
    })
}

/// Binds `buffers` to bindings 0, 1, … of group 0.
pub fn bind_group(
    ctx: &GpuContext,
    pipeline: &wgpu::ComputePipeline,
    label: &'static str,
    buffers: &[&wgpu::Buffer],
) -> wgpu::BindGroup {
    let entries: Vec<wgpu::BindGroupEntry> = buffers
        .iter()
        .enumerate()
        .map(|(i, b)| wgpu::BindGroupEntry {
            binding: i as u32,
            resource: b.as_entire_binding(),
        })
        .collect();
    ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(label),
        layout: &pipeline.get_bind_group_layout(0),
        entries: &entries,
    })
}

/// Dispatches `workgroups` × 1 × 1, copies the first `floats` values of `output` through
/// `staging` and returns them; validation errors, uncaptured errors and device loss are errors.
pub async fn dispatch_and_read(
    ctx: &GpuContext,
    pipeline: &wgpu::ComputePipeline,
    bind_group: &wgpu::BindGroup,
    workgroups: u32,
    output: &wgpu::Buffer,
    staging: &wgpu::Buffer,
    floats: usize,
) -> Result<Vec<f32>, GpuError> {
    let scope = ctx.device.push_error_scope(wgpu::ErrorFilter::Validation);
    let mut encoder = ctx.device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder.begin_compute_pass(&Default::default());
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, bind_group, &[]);
        pass.dispatch_workgroups(workgroups, 1, 1);
    }
    encoder.copy_buffer_to_buffer(output, 0, staging, 0, (floats * 4) as u64);
    ctx.queue.submit([encoder.finish()]);
    let validation = scope.pop();
    let values = read_f32(ctx, staging, floats).await?;
    if let Some(error) = with_timeout(validation, DEFAULT_TIMEOUT_MS, "error check").await? {
        return Err(GpuError::Failed(error.to_string()));
    }
    if let Some(error) = ctx.take_uncaptured_error() {
        return Err(GpuError::Failed(error));
    }
    ctx.check_alive()?;
    Ok(values)
}

/// Workgroups of 64 invocations covering n items, within WebGPU's 65 535 per dimension
/// (n ≤ 2^20 everywhere here).
pub fn workgroups(n: usize) -> u32 {
    (n as u32).div_ceil(64)
}
