//! User expressions: parse → tree (with source spans) → simplify / differentiate → print
//! (text, LaTeX) → compile to a flat tape evaluated over blocks of points.
//!
//! ```
//! use deltaf::expr::{parse, total_derivative};
//! let vars = ["x", "u", "u_x", "u_xx"];
//! let lagrangian = parse("0.5*u_x^2 + (1-u^2)^2/4", &vars).unwrap();
//! assert_eq!(lagrangian.diff("u_x").to_text(), "u_x");
//! let chain = [("u", "u_x"), ("u_x", "u_xx")];
//! let el = total_derivative(&lagrangian.diff("u_x"), &chain, "x").unwrap();
//! assert_eq!(el.to_text(), "u_xx");
//! let f = lagrangian.compile(&vars).unwrap();
//! assert_eq!(f.eval(&[0.0, 1.0, 2.0, 0.0]), 2.0);
//! ```
//!
//! No dependencies (a regex crate alone would add ~1 MB of wasm), no deep recursion on input
//! (see parser.rs), errors as values with character spans (see error.rs).

mod ast;
mod compile;
mod diff;
mod error;
mod eval;
mod func;
mod latex;
mod lexer;
mod number;
mod parser;
mod print;
mod product;
mod simplify;
mod together;
mod vm;
mod wgsl;

pub use ast::{Expr, ExprKind};
pub use compile::Compiled;
pub use diff::{MAX_TOTAL_DERIVATIVE_NODES, total_derivative};
pub use error::{EvalError, ExprError, Span};
pub use func::{Constant, Func};
pub use parser::{MAX_DEPTH, MAX_LEN, parse};
pub use print::format_number;
pub use wgsl::{WGSL_PRELUDE, WgslError};

impl Expr {
    /// Same as [`parse`].
    pub fn parse(input: &str, vars: &[&str]) -> Result<Expr, ExprError> {
        parse(input, vars)
    }
}
