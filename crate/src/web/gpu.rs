//! The page's one GPU context, created on first use and recreated after a device loss, and the
//! JS functions that report on it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::gpu::self_test::self_test;
use crate::gpu::timeout::with_timeout;
use crate::gpu::{AdapterSummary, GpuContext, GpuError};

thread_local! {
    static SHARED: RefCell<Option<Rc<GpuContext>>> = const { RefCell::new(None) };
    /// Why there is no adapter; the answer does not change during a page's life, so it is kept.
    static UNAVAILABLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

const ADAPTER_TIMEOUT_MS: u32 = 10_000;

/// The shared context, or a summary saying why there is none.
pub async fn shared_context() -> Result<Rc<GpuContext>, AdapterSummary> {
    if let Some(ctx) = SHARED.with(|s| s.borrow().clone()).filter(|c| !c.is_lost()) {
        return Ok(ctx);
    }
    if let Some(reason) = UNAVAILABLE.with(|u| u.borrow().clone()) {
        return Err(AdapterSummary::unavailable(reason));
    }
    match with_timeout(GpuContext::new(), ADAPTER_TIMEOUT_MS, "adapter request").await {
        Ok(Ok(ctx)) => {
            let ctx = Rc::new(ctx);
            SHARED.with(|s| *s.borrow_mut() = Some(Rc::clone(&ctx)));
            Ok(ctx)
        }
        Ok(Err(GpuError::Unavailable(reason))) => {
            UNAVAILABLE.with(|u| *u.borrow_mut() = Some(reason.clone()));
            Err(AdapterSummary::unavailable(reason))
        }
        Ok(Err(other)) => Err(AdapterSummary::unavailable(other.to_string())),
        Err(timeout) => Err(AdapterSummary::unavailable(timeout.to_string())),
    }
}

pub fn summary_js(summary: &AdapterSummary) -> JsValue {
    serde_wasm_bindgen::to_value(summary).unwrap_or(JsValue::NULL)
}

/// `gpuInfo()` → Promise of `{available, adapter, backend, fallback, reason}`; never rejects.
#[wasm_bindgen(js_name = gpuInfo)]
pub async fn gpu_info() -> JsValue {
    match shared_context().await {
        Ok(ctx) => summary_js(ctx.summary()),
        Err(summary) => summary_js(&summary),
    }
}

/// `gpuSelfTest(n)` → Promise of the Device page report (see `SelfTestReport`); rejects with an
/// Error only for a bad n or a GPU failure during the test.
#[wasm_bindgen(js_name = gpuSelfTest)]
pub async fn gpu_self_test(n: f64) -> Result<JsValue, JsValue> {
    let n = super::convert::step_count(n, crate::gpu::self_test::SELF_TEST_MAX_N as u32)? as usize;
    let ctx = shared_context().await;
    let report = match &ctx {
        Ok(ctx) => self_test(Ok(ctx), n).await,
        Err(summary) => self_test(Err(summary.clone()), n).await,
    };
    let report = report.map_err(|e| super::convert::input_error(e.to_string()))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer)
        .map_err(|e| super::convert::input_error(e.to_string()))
}

/// Test hook: destroys the shared device as a driver reset would, so the fallback path can be
/// exercised from a page. Returns whether there was a device.
#[wasm_bindgen(js_name = __loseGpuForTest)]
pub fn lose_gpu_for_test() -> bool {
    SHARED.with(|s| s.borrow().as_ref().map(|ctx| ctx.destroy()).is_some())
}
