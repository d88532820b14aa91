//! The few browser facts wgpu does not expose, read by reflection so that a missing property
//! (older browsers, Node) degrades to an empty value instead of a panic.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_string(target: &JsValue, key: &str) -> String {
    get(target, key).as_string().unwrap_or_default()
}

/// `globalThis.navigator.gpu` exists (window or worker); false in Node 20 and old browsers.
pub fn js_has_navigator_gpu() -> bool {
    let navigator = get(&js_sys::global(), "navigator");
    !navigator.is_undefined() && !navigator.is_null() && {
        let gpu = get(&navigator, "gpu");
        !gpu.is_undefined() && !gpu.is_null()
    }
}

pub struct JsAdapterInfo {
    pub vendor: String,
    pub architecture: String,
    pub is_fallback: bool,
}

/// `GPUDevice.adapterInfo` (vendor "google", architecture "swiftshader" in headless Chromium).
pub fn js_adapter_info(device: &wgpu::Device) -> JsAdapterInfo {
    let info = device
        .as_webgpu()
        .map(|d| get(d.as_ref(), "adapterInfo"))
        .unwrap_or(JsValue::UNDEFINED);
    if info.is_undefined() || info.is_null() {
        return JsAdapterInfo {
            vendor: String::new(),
            architecture: String::new(),
            is_fallback: false,
        };
    }
    JsAdapterInfo {
        vendor: get_string(&info, "vendor"),
        architecture: get_string(&info, "architecture"),
        is_fallback: get(&info, "isFallbackAdapter").as_bool().unwrap_or(false),
    }
}

/// A promise that resolves after `millis` (setTimeout works in windows, workers and Node).
pub fn sleep(millis: u32) -> wasm_bindgen_futures::JsFuture {
    let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
        let global = js_sys::global();
        if let Ok(set_timeout) = get(&global, "setTimeout").dyn_into::<Function>() {
            let _ = set_timeout.call2(&global, &resolve, &JsValue::from(millis));
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}
