//! The built-in functions and constants: names, and the one scalar definition of each that the
//! tree evaluator, the compiled tape and the printers all share (so they can never disagree).

/// A one-argument function. `log` is parsed as `Ln` (natural log); `Sign` is what `abs'` becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Func {
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Sqrt,
    Abs,
    Tanh,
    Sinh,
    Cosh,
    Atan,
    Sign,
}

impl Func {
    pub const ALL: [Func; 12] = [
        Func::Sin,
        Func::Cos,
        Func::Tan,
        Func::Exp,
        Func::Ln,
        Func::Sqrt,
        Func::Abs,
        Func::Tanh,
        Func::Sinh,
        Func::Cosh,
        Func::Atan,
        Func::Sign,
    ];

    /// The name `to_text` writes (and the parser reads back).
    pub fn name(self) -> &'static str {
        match self {
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Exp => "exp",
            Func::Ln => "ln",
            Func::Sqrt => "sqrt",
            Func::Abs => "abs",
            Func::Tanh => "tanh",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Atan => "atan",
            Func::Sign => "sign",
        }
    }

    /// Parser lookup; `log` is an alias of `ln` because users of physics texts mean the natural log.
    pub fn from_name(name: &str) -> Option<Func> {
        if name == "log" {
            return Some(Func::Ln);
        }
        Func::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The scalar definition. `sign(0) = 0` (not `f64::signum`, which gives ±1 at ±0),
    /// so that `d/dx abs(x)` is 0 at the kink like the usual subgradient choice.
    #[inline]
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Func::Sin => x.sin(),
            Func::Cos => x.cos(),
            Func::Tan => x.tan(),
            Func::Exp => x.exp(),
            Func::Ln => x.ln(),
            Func::Sqrt => x.sqrt(),
            Func::Abs => x.abs(),
            Func::Tanh => x.tanh(),
            Func::Sinh => x.sinh(),
            Func::Cosh => x.cosh(),
            Func::Atan => x.atan(),
            Func::Sign => sign(x),
        }
    }

    /// Even functions satisfy f(-x) = f(x), odd ones f(-x) = -f(x); `simplify` pulls signs out with this.
    pub(crate) fn parity(self) -> Parity {
        match self {
            Func::Cos | Func::Cosh | Func::Abs => Parity::Even,
            Func::Sin | Func::Tan | Func::Tanh | Func::Sinh | Func::Atan | Func::Sign => {
                Parity::Odd
            }
            Func::Exp | Func::Ln | Func::Sqrt => Parity::Neither,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Parity {
    Even,
    Odd,
    Neither,
}

#[inline]
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x // keeps 0 as 0 and NaN as NaN
    }
}

/// Named constants; kept symbolic so that `2*pi` prints as such instead of 6.283185307179586.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Constant {
    Pi,
    E,
}

impl Constant {
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }

    pub fn from_name(name: &str) -> Option<Constant> {
        match name {
            "pi" => Some(Constant::Pi),
            "e" => Some(Constant::E),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_log_is_ln() {
        for f in Func::ALL {
            assert_eq!(Func::from_name(f.name()), Some(f));
        }
        assert_eq!(Func::from_name("log"), Some(Func::Ln));
        assert_eq!(Func::from_name("sinn"), None);
    }

    #[test]
    fn sign_is_zero_at_zero() {
        assert_eq!(Func::Sign.apply(0.0), 0.0);
        assert_eq!(Func::Sign.apply(-3.0), -1.0);
        assert!(Func::Sign.apply(f64::NAN).is_nan());
    }
}
