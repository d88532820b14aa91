//! The one list of labs. A new lab adds its module and one line here.

use super::LabInfo;

pub static LABS: &[&LabInfo] = &[
    &crate::functional::lab::INFO,
    &crate::particles::repulsion::INFO,
    &crate::pinn::lab::INFO,
    &crate::particles::lab::INFO,
];

pub fn find(id: &str) -> Option<&'static LabInfo> {
    LABS.iter().copied().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{ParamKind, ParamValue, resolve};

    #[test]
    fn ids_are_unique_url_safe_and_every_lab_builds_from_defaults() {
        for (i, lab) in LABS.iter().enumerate() {
            assert!(
                lab.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            );
            assert!(
                LABS[..i].iter().all(|o| o.id != lab.id),
                "duplicate id {}",
                lab.id
            );
            assert!(!lab.title.is_empty() && !lab.summary.is_empty());
            let (params, warnings) = resolve(lab.params, &[]).unwrap();
            assert!(warnings.is_empty());
            let mut built = (lab.create)(&params, 1).unwrap_or_else(|e| panic!("{}: {e}", lab.id));
            built.step(1).unwrap();
            let _ = built.snapshot();
        }
    }

    #[test]
    fn schemas_are_consistent() {
        for lab in LABS {
            for (i, spec) in lab.params.iter().enumerate() {
                assert!(
                    lab.params[..i].iter().all(|o| o.name != spec.name),
                    "{}: duplicate {}",
                    lab.id,
                    spec.name
                );
                assert!(
                    !spec.help.is_empty(),
                    "{}.{} needs help text",
                    lab.id,
                    spec.name
                );
                // Reserved URL keys must not be parameter names.
                assert!(
                    !["lab", "seed", "embed", "controls", "page", "speed"].contains(&spec.name)
                );
                let (params, _) = resolve(lab.params, &[]).unwrap();
                match (spec.kind, params.get(spec.name).unwrap()) {
                    (
                        ParamKind::Number {
                            min,
                            max,
                            step,
                            log,
                        },
                        ParamValue::Number(v),
                    ) => {
                        assert!(min <= *v && *v <= max && step > 0.0 && (!log || min > 0.0));
                    }
                    (ParamKind::Int { min, max, step }, ParamValue::Int(v)) => {
                        assert!(min <= *v && *v <= max && step > 0);
                    }
                    (ParamKind::Bool, ParamValue::Bool(_)) => {}
                    (ParamKind::Choice { choices, labels }, ParamValue::Text(v)) => {
                        assert!(choices.contains(&v.as_str()));
                        assert!(labels.is_empty() || labels.len() == choices.len());
                    }
                    (ParamKind::Expr { max_len }, ParamValue::Text(v)) => {
                        assert!(v.len() <= max_len)
                    }
                    (kind, value) => panic!(
                        "{}.{}: default {value:?} does not fit {kind:?}",
                        lab.id, spec.name
                    ),
                }
            }
        }
    }
}
