//! Wall-clock milliseconds for rates shown to the user (steps/s, Device page timings).
//! Natively `Instant`; in wasm `performance.now()`, which exists in windows, workers and Node.

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    let global = js_sys::global();
    let performance = Reflect::get(&global, &JsValue::from_str("performance")).ok();
    let now = performance.as_ref().and_then(|p| {
        let f = Reflect::get(p, &JsValue::from_str("now")).ok()?;
        let f: js_sys::Function = f.dyn_into().ok()?;
        f.call0(p).ok()?.as_f64()
    });
    now.unwrap_or_else(js_sys::Date::now)
}
