//! Conversions between JS values and the core's types. Errors become JS `Error`s whose message
//! says what and where, with `kind`, `param` and `span` properties for the page to use.

use js_sys::{Array, Float32Array, Float64Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::lab::{ArrayData, ErrorKind, LabError, Metrics, RawValue, Snapshot};

fn set(target: &Object, key: &str, value: &JsValue) {
    // Reflect::set on a plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub fn js_error(e: &LabError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let kind = match e.kind {
        ErrorKind::Input => "input",
        ErrorKind::Numeric => "numeric",
        ErrorKind::Gpu => "gpu",
    };
    set(&err, "kind", &JsValue::from_str(kind));
    if let Some(p) = &e.param {
        set(&err, "param", &JsValue::from_str(p));
    }
    if let Some((a, b)) = e.span {
        let span = Array::of2(&JsValue::from(a as u32), &JsValue::from(b as u32));
        set(&err, "span", &span);
    }
    err.into()
}

pub fn input_error(message: impl Into<String>) -> JsValue {
    js_error(&LabError::input(message))
}

/// `{name: value}` from JS into raw parameter values; undefined/null mean "all defaults".
pub fn raw_params(params: &JsValue) -> Result<Vec<(String, RawValue)>, JsValue> {
    if params.is_undefined() || params.is_null() {
        return Ok(Vec::new());
    }
    let object: &Object = params
        .dyn_ref()
        .filter(|_| !params.is_function() && !Array::is_array(params))
        .ok_or_else(|| input_error("params must be a plain object like {n: 1024}"))?;
    let mut raw = Vec::new();
    for entry in Object::entries(object).iter() {
        let pair: Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        let v = if let Some(x) = value.as_f64() {
            RawValue::Number(x)
        } else if let Some(b) = value.as_bool() {
            RawValue::Bool(b)
        } else if let Some(s) = value.as_string() {
            RawValue::Text(s)
        } else if value.is_bigint() {
            let text: String = value
                .unchecked_ref::<js_sys::BigInt>()
                .to_string(10)
                .map(String::from)
                .unwrap_or_default();
            RawValue::Number(text.parse().unwrap_or(f64::NAN))
        } else {
            return Err(js_error(
                &LabError::input(format!(
                    "parameter '{name}' must be a number, boolean or string"
                ))
                .for_param(&name),
            ));
        };
        raw.push((name, v));
    }
    Ok(raw)
}

/// A seed from JS: a non-negative integer number (≤ 2^53), a BigInt, or a string of digits.
pub fn seed(value: &JsValue) -> Result<u64, JsValue> {
    let bad = || input_error("seed must be a whole number from 0 to 2^64 − 1");
    if value.is_undefined() || value.is_null() {
        return Ok(0);
    }
    if let Some(x) = value.as_f64() {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_992.0 {
            return Ok(x as u64);
        }
        return Err(bad());
    }
    let text = if value.is_bigint() {
        value
            .unchecked_ref::<js_sys::BigInt>()
            .to_string(10)
            .map(String::from)
            .map_err(|_| bad())?
    } else {
        value.as_string().ok_or_else(bad)?
    };
    text.trim().parse::<u64>().map_err(|_| bad())
}

/// A step count from JS: a whole number in 0..=limit (numbers are checked before any u32 cast,
/// which would silently wrap 1e10 or −1).
pub fn step_count(n: f64, limit: u32) -> Result<u32, JsValue> {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= limit as f64 {
        Ok(n as u32)
    } else {
        Err(input_error(format!(
            "step count must be a whole number from 0 to {limit}, got {n}"
        )))
    }
}

pub fn metrics(m: &Metrics, device: &str) -> JsValue {
    let out = Object::new();
    for (name, v) in &m.values {
        set(&out, name, &JsValue::from_f64(*v));
    }
    set(&out, "device", &JsValue::from_str(device));
    out.into()
}

/// Arrays are copied out of wasm memory (`Float32Array::from` copies), so the page may transfer
/// them to another thread; views of wasm memory itself cannot be transferred.
pub fn snapshot(s: &Snapshot) -> JsValue {
    let out = Object::new();
    set(&out, "step", &JsValue::from_f64(s.step as f64));
    set(&out, "time", &JsValue::from_f64(s.time));
    let arrays = Object::new();
    for (name, a) in &s.arrays {
        let entry = Object::new();
        let data: JsValue = match &a.data {
            ArrayData::F32(v) => Float32Array::from(&v[..]).into(),
            ArrayData::F64(v) => Float64Array::from(&v[..]).into(),
        };
        set(&entry, "data", &data);
        let shape: Array = a.shape.iter().map(|&d| JsValue::from(d as u32)).collect();
        set(&entry, "shape", &shape);
        set(&arrays, name, &entry);
    }
    set(&out, "arrays", &arrays);
    let curves = Object::new();
    for (name, c) in &s.curves {
        let entry = Object::new();
        set(&entry, "x", &Float64Array::from(&c.x[..]));
        set(&entry, "y", &Float64Array::from(&c.y[..]));
        set(&curves, name, &entry);
    }
    set(&out, "curves", &curves);
    let values = Object::new();
    for (name, v) in &s.values {
        set(&values, name, &JsValue::from_f64(*v));
    }
    set(&out, "values", &values);
    let texts = Object::new();
    for (name, t) in &s.texts {
        set(&texts, name, &JsValue::from_str(t));
    }
    set(&out, "texts", &texts);
    out.into()
}
