//! Parameters declared once per lab: the schema the site builds its form from, the URL state,
//! and the validation every way in (JS API, URL, tests) goes through.

use serde::Serialize;

use super::LabError;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    Number {
        min: f64,
        max: f64,
        step: f64,
        log: bool,
    },
    Int {
        min: i64,
        max: i64,
        step: i64,
    },
    Bool,
    Choice {
        choices: &'static [&'static str],
        labels: &'static [&'static str],
    },
    Expr {
        max_len: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultValue {
    Number(f64),
    Int(i64),
    Bool(bool),
    Text(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: ParamKind,
    pub default: DefaultValue,
    /// One or two sentences with units; shown as the control's help text.
    pub help: &'static str,
}

impl ParamSpec {
    /// The `device` parameter every GPU-capable lab has (auto / gpu / cpu); `help` says what
    /// runs where in that lab. The worker (www/src/core/worker-host.ts) reads it before it
    /// attaches a GPU.
    pub const fn device(help: &'static str) -> ParamSpec {
        ParamSpec {
            name: "device",
            label: "Compute on",
            kind: ParamKind::Choice {
                choices: &["auto", "gpu", "cpu"],
                labels: &["Auto (GPU if available)", "GPU", "CPU"],
            },
            default: DefaultValue::Text("auto"),
            help,
        }
    }
}

/// A validated value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    Number(f64),
    Int(i64),
    Bool(bool),
    Text(String),
}

/// A value as it arrives from JS or a URL, before validation.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    Number(f64),
    Bool(bool),
    Text(String),
}

/// Validated parameters of one lab, in schema order.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    values: Vec<(&'static str, ParamValue)>,
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &ParamValue)> {
        self.values.iter().map(|(n, v)| (*n, v))
    }

    // The typed getters panic on a name the lab did not declare or on a kind mismatch: that is a
    // programming error in the lab, caught by the registry test that creates every lab.
    pub fn number(&self, name: &str) -> f64 {
        match self.get(name) {
            Some(ParamValue::Number(v)) => *v,
            Some(ParamValue::Int(v)) => *v as f64,
            other => panic!("lab bug: parameter '{name}' is not a number ({other:?})"),
        }
    }

    pub fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            Some(ParamValue::Int(v)) => *v,
            other => panic!("lab bug: parameter '{name}' is not an int ({other:?})"),
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        match self.get(name) {
            Some(ParamValue::Bool(v)) => *v,
            other => panic!("lab bug: parameter '{name}' is not a bool ({other:?})"),
        }
    }

    pub fn text(&self, name: &str) -> &str {
        match self.get(name) {
            Some(ParamValue::Text(v)) => v,
            other => panic!("lab bug: parameter '{name}' is not text ({other:?})"),
        }
    }
}

fn shortest(v: f64) -> String {
    format!("{v}")
}

/// Checks raw values against the specs: unknown names are an error listing them; values of the
/// wrong type are an error naming the parameter; out-of-range values are clamped and reported in
/// the returned warnings; missing values take their defaults.
pub fn resolve(
    specs: &'static [ParamSpec],
    raw: &[(String, RawValue)],
) -> Result<(Params, Vec<String>), LabError> {
    let unknown: Vec<&str> = raw
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !specs.iter().any(|s| s.name == *n))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
        return Err(LabError::input(format!(
            "unknown parameter{} {}; known parameters: {}",
            if unknown.len() > 1 { "s" } else { "" },
            unknown
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        )));
    }
    let mut warnings = Vec::new();
    let mut values = Vec::with_capacity(specs.len());
    for spec in specs {
        let given = raw
            .iter()
            .rev()
            .find(|(n, _)| n == spec.name)
            .map(|(_, v)| v);
        let value = match given {
            None => default_value(spec),
            Some(v) => validate(spec, v, &mut warnings).map_err(|e| e.for_param(spec.name))?,
        };
        values.push((spec.name, value));
    }
    Ok((Params { values }, warnings))
}

fn default_value(spec: &ParamSpec) -> ParamValue {
    match spec.default {
        DefaultValue::Number(v) => ParamValue::Number(v),
        DefaultValue::Int(v) => ParamValue::Int(v),
        DefaultValue::Bool(v) => ParamValue::Bool(v),
        DefaultValue::Text(v) => ParamValue::Text(v.to_string()),
    }
}

fn as_number(spec: &ParamSpec, v: &RawValue) -> Result<f64, LabError> {
    let x = match v {
        RawValue::Number(x) => *x,
        RawValue::Text(t) => t.trim().parse::<f64>().map_err(|_| {
            LabError::input(format!(
                "parameter '{}' expects a number, got \"{}\"",
                spec.name,
                clip(t)
            ))
        })?,
        RawValue::Bool(b) => {
            return Err(LabError::input(format!(
                "parameter '{}' expects a number, got {b}",
                spec.name
            )));
        }
    };
    if !x.is_finite() {
        return Err(LabError::input(format!(
            "parameter '{}' must be a finite number, got {x}",
            spec.name
        )));
    }
    Ok(x)
}

/// Long hostile strings are cut before they reach a message.
fn clip(t: &str) -> String {
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(40).collect::<String>())
    } else {
        t.to_string()
    }
}

fn validate(
    spec: &ParamSpec,
    v: &RawValue,
    warnings: &mut Vec<String>,
) -> Result<ParamValue, LabError> {
    let name = spec.name;
    match spec.kind {
        ParamKind::Number { min, max, .. } => {
            let x = as_number(spec, v)?;
            let c = x.clamp(min, max);
            if c != x {
                warnings.push(format!(
                    "{name} = {} is outside [{}, {}]; using {}",
                    shortest(x),
                    shortest(min),
                    shortest(max),
                    shortest(c)
                ));
            }
            Ok(ParamValue::Number(c))
        }
        ParamKind::Int { min, max, .. } => {
            let x = as_number(spec, v)?;
            let r = x.round();
            if r != x {
                warnings.push(format!(
                    "{name} = {} is not a whole number; using {}",
                    shortest(x),
                    shortest(r)
                ));
            }
            let c = r.clamp(min as f64, max as f64);
            if c != r {
                warnings.push(format!(
                    "{name} = {} is outside [{min}, {max}]; using {}",
                    shortest(r),
                    c as i64
                ));
            }
            Ok(ParamValue::Int(c as i64))
        }
        ParamKind::Bool => match v {
            RawValue::Bool(b) => Ok(ParamValue::Bool(*b)),
            RawValue::Number(x) if *x == 0.0 || *x == 1.0 => Ok(ParamValue::Bool(*x == 1.0)),
            RawValue::Text(t) if matches!(t.as_str(), "true" | "1") => Ok(ParamValue::Bool(true)),
            RawValue::Text(t) if matches!(t.as_str(), "false" | "0") => Ok(ParamValue::Bool(false)),
            other => Err(LabError::input(format!(
                "parameter '{name}' expects true or false, got {other:?}"
            ))),
        },
        ParamKind::Choice { choices, .. } => match v {
            RawValue::Text(t) if choices.contains(&t.as_str()) => Ok(ParamValue::Text(t.clone())),
            other => {
                let got = match other {
                    RawValue::Text(t) => format!("\"{}\"", clip(t)),
                    RawValue::Number(x) => shortest(*x),
                    RawValue::Bool(b) => b.to_string(),
                };
                Err(LabError::input(format!(
                    "parameter '{name}' must be one of {}, got {got}",
                    choices.join(", ")
                )))
            }
        },
        ParamKind::Expr { max_len } => match v {
            RawValue::Text(t) => {
                let len = t.chars().count();
                if len > max_len {
                    return Err(LabError::input(format!(
                        "expression '{name}' is {len} characters long; the limit is {max_len}"
                    )));
                }
                Ok(ParamValue::Text(t.clone()))
            }
            RawValue::Number(x) => Ok(ParamValue::Text(shortest(*x))),
            RawValue::Bool(_) => Err(LabError::input(format!(
                "parameter '{name}' expects an expression"
            ))),
        },
    }
}

/// One parameter as the site and JS API see it (`ParamSpec` in www/src/core/api.ts).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaEntry {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub default: ParamValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice_labels: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    pub help: &'static str,
}

impl From<&ParamSpec> for SchemaEntry {
    fn from(s: &ParamSpec) -> Self {
        let mut e = SchemaEntry {
            name: s.name,
            label: s.label,
            kind: "",
            default: match default_value(s) {
                // ints travel as JS numbers
                ParamValue::Int(v) => ParamValue::Number(v as f64),
                other => other,
            },
            min: None,
            max: None,
            step: None,
            log: None,
            choices: None,
            choice_labels: None,
            max_length: None,
            help: s.help,
        };
        match s.kind {
            ParamKind::Number {
                min,
                max,
                step,
                log,
            } => {
                e.kind = "number";
                (e.min, e.max, e.step, e.log) = (Some(min), Some(max), Some(step), Some(log));
            }
            ParamKind::Int { min, max, step } => {
                e.kind = "int";
                (e.min, e.max, e.step) = (Some(min as f64), Some(max as f64), Some(step as f64));
            }
            ParamKind::Bool => e.kind = "bool",
            ParamKind::Choice { choices, labels } => {
                e.kind = "choice";
                e.choices = Some(choices.to_vec());
                e.choice_labels = Some(if labels.len() == choices.len() {
                    labels.to_vec()
                } else {
                    choices.to_vec()
                });
            }
            ParamKind::Expr { max_len } => {
                e.kind = "expression";
                e.max_length = Some(max_len);
            }
        }
        e
    }
}
