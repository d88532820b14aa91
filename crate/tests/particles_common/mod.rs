//! Helpers for the particle lab's integration tests.
#![allow(dead_code)]

use deltaf::lab::{ArrayData, RawValue, Runner, Snapshot};

pub fn runner(pairs: &[(&str, &str)], seed: u64) -> Runner {
    let raw: Vec<(String, RawValue)> = pairs
        .iter()
        .map(|(k, v)| {
            let value = match v.parse::<f64>() {
                Ok(x) => RawValue::Number(x),
                Err(_) => RawValue::Text(v.to_string()),
            };
            (k.to_string(), value)
        })
        .collect();
    Runner::new("particles", &raw, seed).unwrap_or_else(|e| panic!("{e}"))
}

pub fn array(s: &Snapshot, name: &str) -> (Vec<f32>, Vec<usize>) {
    let a = s
        .arrays
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no array {name}"));
    match &a.1.data {
        ArrayData::F32(v) => (v.clone(), a.1.shape.clone()),
        ArrayData::F64(_) => panic!("{name} should be f32"),
    }
}

pub fn metric(r: &Runner, name: &str) -> f64 {
    r.metrics()
        .0
        .get(name)
        .unwrap_or_else(|| panic!("no metric {name}"))
}

pub fn text(r: &Runner, name: &str) -> String {
    r.snapshot()
        .texts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no text {name}"))
        .1
        .clone()
}
