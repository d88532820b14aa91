//! Copying results back from the GPU: map a staging buffer, wait (poll natively, the browser's
//! event loop on the web), copy out, unmap. Bounded by the timeout in `timeout.rs`.

use super::timeout::{DEFAULT_TIMEOUT_MS, with_timeout};
use super::{GpuContext, GpuError};

/// Reads `len` f32 values from the start of a MAP_READ buffer whose copy has been submitted.
pub async fn read_f32(
    ctx: &GpuContext,
    staging: &wgpu::Buffer,
    len: usize,
) -> Result<Vec<f32>, GpuError> {
    let bytes = (len * 4) as u64;
    let (sender, receiver) = futures_channel::oneshot::channel();
    staging.map_async(wgpu::MapMode::Read, 0..bytes, move |result| {
        let _ = sender.send(result);
    });
    #[cfg(not(target_arch = "wasm32"))]
    ctx.device
        .poll(wgpu::PollType::wait_indefinitely())
        .map_err(|e| GpuError::Lost(format!("while waiting for the GPU: {e}")))?;

    let mapped = match with_timeout(receiver, DEFAULT_TIMEOUT_MS, "readback").await {
        Err(timeout) => {
            ctx.mark_lost(timeout.to_string());
            return Err(timeout);
        }
        Ok(Err(_canceled)) => return Err(GpuError::Lost("the buffer mapping was dropped".into())),
        Ok(Ok(result)) => result,
    };
    mapped.map_err(|e| GpuError::Failed(format!("mapping the result buffer failed: {e}")))?;
    let values = {
        let view = staging
            .get_mapped_range(0..bytes)
            .map_err(|e| GpuError::Failed(format!("reading the result buffer failed: {e}")))?;
        bytemuck::cast_slice::<u8, f32>(&view).to_vec()
    };
    staging.unmap();
    Ok(values)
}
