use proptest::prelude::*;

use super::*;

const SPECS: &[ParamSpec] = &[
    ParamSpec {
        name: "dt",
        label: "dt",
        kind: ParamKind::Number {
            min: 1e-4,
            max: 1.0,
            step: 1e-4,
            log: true,
        },
        default: DefaultValue::Number(0.1),
        help: "h",
    },
    ParamSpec {
        name: "n",
        label: "n",
        kind: ParamKind::Int {
            min: 16,
            max: 65536,
            step: 1,
        },
        default: DefaultValue::Int(100),
        help: "h",
    },
    ParamSpec {
        name: "on",
        label: "on",
        kind: ParamKind::Bool,
        default: DefaultValue::Bool(false),
        help: "h",
    },
    ParamSpec {
        name: "target",
        label: "t",
        kind: ParamKind::Choice {
            choices: &["a", "b"],
            labels: &[],
        },
        default: DefaultValue::Text("a"),
        help: "h",
    },
    ParamSpec {
        name: "f",
        label: "f",
        kind: ParamKind::Expr { max_len: 10 },
        default: DefaultValue::Text("u^2"),
        help: "h",
    },
];

fn raw(pairs: &[(&str, RawValue)]) -> Vec<(String, RawValue)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

#[test]
fn defaults_fill_missing_values() {
    let (p, w) = resolve(SPECS, &[]).unwrap();
    assert!(w.is_empty());
    assert_eq!(
        (
            p.number("dt"),
            p.int("n"),
            p.flag("on"),
            p.text("target"),
            p.text("f")
        ),
        (0.1, 100, false, "a", "u^2")
    );
}

#[test]
fn unknown_names_are_listed() {
    let e = resolve(
        SPECS,
        &raw(&[
            ("foo", RawValue::Number(1.0)),
            ("bar", RawValue::Bool(true)),
        ]),
    )
    .unwrap_err();
    assert!(
        e.message.contains("'foo'")
            && e.message.contains("'bar'")
            && e.message.contains("known parameters: dt")
    );
}

#[test]
fn out_of_range_values_are_clamped_and_reported() {
    let (p, w) = resolve(
        SPECS,
        &raw(&[("dt", RawValue::Number(5.0)), ("n", RawValue::Number(1e99))]),
    )
    .unwrap();
    assert_eq!(p.number("dt"), 1.0);
    assert_eq!(p.int("n"), 65536);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("dt = 5") && w[0].contains("using 1"));
}

#[test]
fn wrong_types_name_the_parameter() {
    for (name, v) in [
        ("dt", RawValue::Text("abc".into())),
        ("dt", RawValue::Number(f64::NAN)),
        ("on", RawValue::Text("maybe".into())),
        ("target", RawValue::Text("<img src=x>".into())),
        ("f", RawValue::Text("u^2+u^3+u^4".into())),
    ] {
        let e = resolve(SPECS, &raw(&[(name, v)])).unwrap_err();
        assert_eq!(e.param.as_deref(), Some(name));
        assert!(e.message.contains(name), "{}", e.message);
    }
}

#[test]
fn text_forms_of_numbers_and_bools_are_accepted() {
    let (p, w) = resolve(
        SPECS,
        &raw(&[
            ("dt", RawValue::Text(" 0.5 ".into())),
            ("on", RawValue::Text("1".into())),
        ]),
    )
    .unwrap();
    assert!(w.is_empty());
    assert_eq!((p.number("dt"), p.flag("on")), (0.5, true));
}

#[test]
fn schema_entries_carry_the_contract_fields() {
    let e = serde_json::to_value(SchemaEntry::from(&SPECS[0])).unwrap();
    assert_eq!(e["kind"], "number");
    assert_eq!(e["max"], 1.0);
    assert_eq!(e["log"], true);
    let c = serde_json::to_value(SchemaEntry::from(&SPECS[3])).unwrap();
    assert_eq!(c["choices"], serde_json::json!(["a", "b"]));
    assert_eq!(c["choiceLabels"], serde_json::json!(["a", "b"]));
    let x = serde_json::to_value(SchemaEntry::from(&SPECS[4])).unwrap();
    assert_eq!(x["maxLength"], 10);
    assert!(x.get("min").is_none());
}

proptest! {
    #[test]
    fn resolved_values_lie_in_range_and_resolving_again_changes_nothing(dt in any::<f64>(), n in any::<f64>()) {
        match resolve(SPECS, &raw(&[("dt", RawValue::Number(dt)), ("n", RawValue::Number(n))])) {
            Err(e) => prop_assert!(!dt.is_finite() || !n.is_finite(), "{e}"),
            Ok((p, _)) => {
                prop_assert!((1e-4..=1.0).contains(&p.number("dt")));
                prop_assert!((16..=65536).contains(&p.int("n")));
                let again: Vec<(String, RawValue)> = vec![
                    ("dt".into(), RawValue::Number(p.number("dt"))),
                    ("n".into(), RawValue::Number(p.int("n") as f64)),
                ];
                let (q, w) = resolve(SPECS, &again).unwrap();
                prop_assert!(w.is_empty());
                prop_assert_eq!(p, q);
            }
        }
    }
}
