//! JS functions of the functional-derivative lab: evaluateFunctional, functionalPresets,
//! fitDrawnFunction. Field errors name the field; expression errors carry `param` and `span`.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::convert::{input_error, js_error};
use crate::functional::evaluate::{EvaluateSpec, UInput, evaluate};
use crate::functional::fit::fit_drawn;
use crate::functional::presets::PRESETS;
use crate::lab::ParamValue;

fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn string_field(obj: &JsValue, name: &str) -> Result<String, JsValue> {
    field(obj, name)
        .as_string()
        .ok_or_else(|| input_error(format!("'{name}' must be a string")))
}

fn number_field(obj: &JsValue, name: &str) -> Result<f64, JsValue> {
    field(obj, name)
        .as_f64()
        .ok_or_else(|| input_error(format!("'{name}' must be a number")))
}

fn whole(obj: &JsValue, name: &str) -> Result<usize, JsValue> {
    let v = number_field(obj, name)?;
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64 {
        Ok(v as usize)
    } else {
        Err(input_error(format!(
            "'{name}' must be a whole number, got {v}"
        )))
    }
}

/// A Float64Array, any typed array, or an array of numbers.
fn numbers(value: &JsValue, name: &str) -> Result<Vec<f64>, JsValue> {
    if let Some(a) = value.dyn_ref::<Float64Array>() {
        return Ok(a.to_vec());
    }
    if Array::is_array(value)
        || value.is_object() && Reflect::has(value, &"length".into()).unwrap_or(false)
    {
        let array = Array::from(value);
        return array
            .iter()
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| input_error(format!("'{name}' must contain only numbers")))
            })
            .collect();
    }
    Err(input_error(format!("'{name}' must be an array of numbers")))
}

fn domain(obj: &JsValue) -> Result<(f64, f64), JsValue> {
    let d = numbers(&field(obj, "domain"), "domain")?;
    match d.as_slice() {
        [a, b] => Ok((*a, *b)),
        _ => Err(input_error("'domain' must be [a, b]")),
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// `evaluateFunctional({lagrangian, u, domain: [a, b], points, boundary, method, basis?, degree?})`
/// → `{x, u, value, derivative, derivativeRaw?, formula, latex}`.
#[wasm_bindgen(js_name = evaluateFunctional)]
pub fn evaluate_functional(spec: JsValue) -> Result<JsValue, JsValue> {
    if !spec.is_object() {
        return Err(input_error(
            "evaluateFunctional expects an object {lagrangian, u, domain, points, boundary, method}",
        ));
    }
    let u_value = field(&spec, "u");
    let u = match u_value.as_string() {
        Some(text) => UInput::Text(text),
        None => UInput::Samples(numbers(&u_value, "u")?),
    };
    let optional = |name: &str| {
        let v = field(&spec, name);
        if v.is_undefined() || v.is_null() {
            None
        } else {
            Some(v)
        }
    };
    let spec = EvaluateSpec {
        lagrangian: string_field(&spec, "lagrangian")?,
        u,
        domain: domain(&spec)?,
        points: whole(&spec, "points")?,
        boundary: string_field(&spec, "boundary")?,
        method: string_field(&spec, "method")?,
        basis: optional("basis")
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| input_error("'basis' must be a string"))
            })
            .transpose()?,
        degree: optional("degree")
            .map(|_| whole(&spec, "degree"))
            .transpose()?,
    };
    let r = evaluate(&spec).map_err(|e| js_error(&e))?;
    let out = Object::new();
    set(&out, "x", &Float64Array::from(&r.x[..]));
    set(&out, "u", &Float64Array::from(&r.u[..]));
    set(&out, "value", &JsValue::from_f64(r.value));
    set(&out, "derivative", &Float64Array::from(&r.derivative[..]));
    if let Some(raw) = &r.derivative_raw {
        set(&out, "derivativeRaw", &Float64Array::from(&raw[..]));
    }
    set(&out, "formula", &JsValue::from_str(&r.formula));
    set(&out, "latex", &JsValue::from_str(&r.latex));
    Ok(out.into())
}

/// `functionalPresets()` → `[{id, title, description, params}]`.
#[wasm_bindgen(js_name = functionalPresets)]
pub fn functional_presets() -> Array {
    PRESETS
        .iter()
        .map(|p| {
            let o = Object::new();
            set(&o, "id", &p.id.into());
            set(&o, "title", &p.title.into());
            set(&o, "description", &p.description.into());
            let params = Object::new();
            for (name, v) in p.params() {
                let value: JsValue = match v {
                    ParamValue::Number(x) => x.into(),
                    ParamValue::Int(x) => (x as f64).into(),
                    ParamValue::Bool(b) => b.into(),
                    ParamValue::Text(t) => t.into(),
                };
                set(&params, name, &value);
            }
            set(&o, "params", &params);
            JsValue::from(o)
        })
        .collect()
}

/// `fitDrawnFunction({x, y, domain: [a, b], periodic, degree})` → an expression for u(x).
#[wasm_bindgen(js_name = fitDrawnFunction)]
pub fn fit_drawn_function(spec: JsValue) -> Result<String, JsValue> {
    let x = numbers(&field(&spec, "x"), "x")?;
    let y = numbers(&field(&spec, "y"), "y")?;
    let (a, b) = domain(&spec)?;
    let periodic = field(&spec, "periodic").as_bool().unwrap_or(false);
    let degree = match field(&spec, "degree").as_f64() {
        Some(_) => whole(&spec, "degree")?,
        None => 10,
    };
    fit_drawn(&x, &y, a, b, periodic, degree).map_err(|e| js_error(&e))
}
