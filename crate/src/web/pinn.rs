//! JS function of the pinn lab: `pinnExact(equation, t, a)`, the exact (or reference) solution in
//! physical coordinates, so pages and tests can check the lab's formulas directly.

use js_sys::Float64Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::convert::{input_error, js_error};
use crate::pinn::exact_value;

/// `pinnExact(equation, t, a)`: J(a, t) for the FTEs, W(a, τ) for the BHEs (a = coefficients
/// a_0..a_{D−1}), u(x, t) for Burgers (a = [x]). `a`: Float64Array or array of numbers.
#[wasm_bindgen(js_name = pinnExact)]
pub fn pinn_exact(equation: &str, t: f64, a: JsValue) -> Result<f64, JsValue> {
    let coefs: Vec<f64> = if let Some(v) = a.dyn_ref::<Float64Array>() {
        v.to_vec()
    } else if js_sys::Array::is_array(&a) {
        js_sys::Array::from(&a)
            .iter()
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| input_error("'a' must contain only numbers"))
            })
            .collect::<Result<_, _>>()?
    } else {
        return Err(input_error(
            "'a' must be a Float64Array or an array of numbers",
        ));
    };
    exact_value(equation, t, &coefs).map_err(|e| js_error(&e))
}
