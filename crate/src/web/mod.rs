//! The #[wasm_bindgen] layer: thin wrappers over the core, conversions, error mapping. Nothing
//! here computes; the JS API it exposes is typed in www/src/core/api.ts and documented in README.

mod convert;
mod functional;
mod gpu;
mod pinn;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::lab::{Device, LABS, MAX_STEPS_PER_CALL, Runner, SchemaEntry, find};
use convert::{input_error, js_error};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[derive(Serialize)]
struct LabEntry {
    id: &'static str,
    title: &'static str,
    summary: &'static str,
}

/// `listLabs()` → `[{id, title, summary}]`, in registry order.
#[wasm_bindgen(js_name = listLabs)]
pub fn list_labs() -> JsValue {
    let entries: Vec<LabEntry> = LABS
        .iter()
        .map(|l| LabEntry {
            id: l.id,
            title: l.title,
            summary: l.summary,
        })
        .collect();
    serde_wasm_bindgen::to_value(&entries).unwrap_or(JsValue::NULL)
}

/// `labSchema(id)` → the lab's parameter specs; throws for an unknown id.
#[wasm_bindgen(js_name = labSchema)]
pub fn lab_schema(id: &str) -> Result<JsValue, JsValue> {
    let info = find(id).ok_or_else(|| unknown_lab(id))?;
    let entries: Vec<SchemaEntry> = info.params.iter().map(SchemaEntry::from).collect();
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    entries
        .serialize(&serializer)
        .map_err(|e| input_error(e.to_string()))
}

fn unknown_lab(id: &str) -> JsValue {
    let known: Vec<&str> = LABS.iter().map(|l| l.id).collect();
    input_error(format!(
        "unknown lab '{id}'; known labs: {}",
        known.join(", ")
    ))
}

/// Deliberately panics: lets tests check that a panic reaches the page's banner and that the lab
/// can be reset without reloading.
#[wasm_bindgen(js_name = __testPanic)]
pub fn test_panic() {
    panic!("deliberate panic from __testPanic() (testing the error path)");
}

/// One running lab. Methods borrow the runner; a call made while `stepAsync` is still pending
/// gets a clear "busy" error instead of a panic.
// The runner stays borrowed across GPU awaits on purpose: every other method uses try_borrow and
// reports "busy", which is the exclusion we want (wasm is single-threaded, so no deadlock).
#[wasm_bindgen]
pub struct LabRunner {
    inner: Rc<RefCell<Runner>>,
}

fn busy() -> JsValue {
    input_error(
        "the lab is busy with an asynchronous step; await stepAsync() before calling it again",
    )
}

#[wasm_bindgen]
impl LabRunner {
    /// `new LabRunner(id, params, seed)`: unknown parameter names throw an Error listing them;
    /// out-of-range values are clamped and reported by `warnings()`.
    #[wasm_bindgen(constructor)]
    pub fn new(id: &str, params: JsValue, seed: JsValue) -> Result<LabRunner, JsValue> {
        let raw = convert::raw_params(&params)?;
        let seed = convert::seed(&seed)?;
        let runner = Runner::new(id, &raw, seed).map_err(|e| js_error(&e))?;
        Ok(LabRunner {
            inner: Rc::new(RefCell::new(runner)),
        })
    }

    /// Advances n steps on the CPU (0 ≤ n ≤ 100 000). Throws on a blow-up; the state is kept.
    pub fn step(&self, n: f64) -> Result<(), JsValue> {
        let n = convert::step_count(n, MAX_STEPS_PER_CALL)?;
        self.inner
            .try_borrow_mut()
            .map_err(|_| busy())?
            .step(n)
            .map_err(|e| js_error(&e))
    }

    /// Advances n steps on the GPU when `useGpu()` attached one, else on the CPU. A failing GPU
    /// switches the lab to the CPU (see `warnings()` and `device()`) and the steps complete there.
    #[wasm_bindgen(js_name = stepAsync)]
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn step_async(&self, n: f64) -> Result<(), JsValue> {
        let n = convert::step_count(n, MAX_STEPS_PER_CALL)?;
        let inner = Rc::clone(&self.inner);
        let mut runner = inner.try_borrow_mut().map_err(|_| busy())?;
        runner.step_async(n).await.map_err(|e| js_error(&e))
    }

    /// Attaches the page's GPU context if there is one and the lab has a GPU path. Resolves to the
    /// adapter summary; `available: false` with a reason means the lab stays on the CPU.
    #[wasm_bindgen(js_name = useGpu)]
    #[allow(clippy::await_holding_refcell_ref)]
    pub async fn use_gpu(&self) -> Result<JsValue, JsValue> {
        let inner = Rc::clone(&self.inner);
        match gpu::shared_context().await {
            Err(summary) => {
                inner
                    .try_borrow_mut()
                    .map_err(|_| busy())?
                    .use_cpu(&summary.reason);
                Ok(gpu::summary_js(&summary))
            }
            Ok(ctx) => {
                let summary = ctx.summary().clone();
                let mut runner = inner.try_borrow_mut().map_err(|_| busy())?;
                if runner.use_gpu(ctx).await.map_err(|e| js_error(&e))? {
                    Ok(gpu::summary_js(&summary))
                } else {
                    let reason = match runner.device() {
                        Device::Cpu { reason } => reason.clone(),
                        Device::Gpu { .. } => String::new(),
                    };
                    Ok(gpu::summary_js(&crate::gpu::AdapterSummary::unavailable(
                        reason,
                    )))
                }
            }
        }
    }

    /// Moves the lab to the CPU, recording why (shown in the status line).
    #[wasm_bindgen(js_name = useCpu)]
    pub fn use_cpu(&self, reason: &str) -> Result<(), JsValue> {
        self.inner
            .try_borrow_mut()
            .map_err(|_| busy())?
            .use_cpu(reason);
        Ok(())
    }

    /// `{steps, steps_per_second, <lab metrics>…, device: "gpu" | "cpu"}`.
    pub fn metrics(&self) -> Result<JsValue, JsValue> {
        let runner = self.inner.try_borrow().map_err(|_| busy())?;
        let (m, device) = runner.metrics();
        Ok(convert::metrics(&m, device))
    }

    /// `{device: "gpu"|"cpu", adapter, reason}`: what runs the lab and, on the CPU, why.
    pub fn device(&self) -> Result<JsValue, JsValue> {
        let runner = self.inner.try_borrow().map_err(|_| busy())?;
        let (kind, adapter, reason) = match runner.device() {
            Device::Gpu { adapter } => ("gpu", adapter.clone(), String::new()),
            Device::Cpu { reason } => ("cpu", String::new(), reason.clone()),
        };
        let out = js_sys::Object::new();
        for (k, v) in [
            ("device", kind.to_string()),
            ("adapter", adapter),
            ("reason", reason),
        ] {
            let _ = js_sys::Reflect::set(&out, &k.into(), &v.into());
        }
        Ok(out.into())
    }

    /// `{step, time, arrays, curves, values}` with arrays copied out of wasm memory.
    pub fn snapshot(&self) -> Result<JsValue, JsValue> {
        let runner = self.inner.try_borrow().map_err(|_| busy())?;
        Ok(convert::snapshot(&runner.snapshot()))
    }

    /// Parameter clamps at creation and runtime notices (e.g. a GPU fallback), oldest first.
    pub fn warnings(&self) -> Result<Array, JsValue> {
        let runner = self.inner.try_borrow().map_err(|_| busy())?;
        Ok(runner
            .warnings()
            .iter()
            .map(|w| JsValue::from_str(w))
            .collect())
    }

    /// The effective parameters after validation and clamping.
    pub fn params(&self) -> Result<JsValue, JsValue> {
        let runner = self.inner.try_borrow().map_err(|_| busy())?;
        let out = js_sys::Object::new();
        for (name, v) in runner.params().iter() {
            let value = match v {
                crate::lab::ParamValue::Number(x) => JsValue::from_f64(*x),
                crate::lab::ParamValue::Int(x) => JsValue::from_f64(*x as f64),
                crate::lab::ParamValue::Bool(b) => JsValue::from_bool(*b),
                crate::lab::ParamValue::Text(t) => JsValue::from_str(t),
            };
            let _ = js_sys::Reflect::set(&out, &name.into(), &value);
        }
        Ok(out.into())
    }

    #[wasm_bindgen(js_name = labId)]
    pub fn lab_id(&self) -> Result<String, JsValue> {
        Ok(self
            .inner
            .try_borrow()
            .map_err(|_| busy())?
            .info()
            .id
            .to_string())
    }

    /// The seed as a decimal string (u64 does not fit a JS number exactly).
    pub fn seed(&self) -> Result<String, JsValue> {
        Ok(self
            .inner
            .try_borrow()
            .map_err(|_| busy())?
            .seed()
            .to_string())
    }
}
