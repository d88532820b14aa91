//! Every await that touches the GPU gets a time limit, so a lost or hung device can never hang a
//! lab (or the page's worker) forever. Natively `device.poll` blocks until work completes, so
//! there the future is simply awaited.

use std::future::Future;

use super::GpuError;

/// Generous for software adapters (SwiftShader needs ~0.3 s for N = 4096 pairs on 2 cores).
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

#[cfg(target_arch = "wasm32")]
pub async fn with_timeout<T>(
    future: impl Future<Output = T>,
    millis: u32,
    what: &'static str,
) -> Result<T, GpuError> {
    use std::pin::pin;
    use std::task::Poll;

    let mut future = pin!(future);
    let mut timer = pin!(super::browser::sleep(millis));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(value) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(value));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(GpuError::Timeout { what, millis }));
        }
        Poll::Pending
    })
    .await
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn with_timeout<T>(
    future: impl Future<Output = T>,
    _millis: u32,
    _what: &'static str,
) -> Result<T, GpuError> {
    Ok(future.await)
}
