use super::*;
use crate::expr::parse;

const VARS: [&str; 4] = ["x", "u", "u_x", "u_xx"];

fn compiled(s: &str) -> Compiled {
    parse(s, &VARS).unwrap().compile(&VARS).unwrap()
}

#[test]
fn integer_powers_become_multiplications() {
    let c = compiled("u^5");
    assert!(
        c.code.iter().all(|i| matches!(i.op, Op::Mul(..))),
        "{:?}",
        c.code
    );
    assert_eq!(c.len(), 3); // u², u⁴, u⁴·u
    let c = compiled("u^2.5");
    assert!(matches!(c.code[0].op, Op::Pow(..)));
}

#[test]
fn registers_are_recycled_and_never_alias_operands() {
    let c = compiled("sin(u)*cos(u) + (1 - u^2)^2/4 + 0.5*u_x^2 + exp(-x^2)");
    assert!(c.n_regs <= 4, "{} registers", c.n_regs);
    for ins in &c.code {
        let reads = match ins.op {
            Op::Neg(a) | Op::Call(_, a) => vec![a],
            Op::Add(a, b) | Op::Sub(a, b) | Op::Mul(a, b) | Op::Div(a, b) | Op::Pow(a, b) => {
                vec![a, b]
            }
        };
        assert!(!reads.contains(&Src::Reg(ins.dst)), "{ins:?}");
    }
}

#[test]
fn unknown_variables_are_an_error_with_a_span() {
    let e = parse("u + u_xx", &VARS).unwrap();
    let err = e.compile(&["u"]).unwrap_err();
    assert_eq!(err.span, Span::new(4, 8));
}

#[test]
fn trivial_expressions() {
    assert!(compiled("2").is_empty());
    assert_eq!(compiled("2").eval(&[0.0; 4]), 2.0);
    assert_eq!(compiled("u_x").eval(&[0.0, 0.0, 7.0, 0.0]), 7.0);
    assert_eq!(compiled("-3").eval(&[0.0; 4]), -3.0);
}
