//! Tokens → tree, by recursive descent with an explicit depth counter.
//!
//! Grammar (loosest first):
//!   expr  := term (('+' | '-') term)*
//!   term  := unary (('*' | '/') unary)*
//!   unary := ('-' | '+') unary | power
//!   power := atom ('^' unary)?          -- right-associative; `-x^2` = -(x^2), `2^-1` allowed
//!   atom  := number | constant | variable | function '(' expr ')' | '(' expr ')'
//!
//! Recursion happens only at '(' , function calls, unary signs and '^'; each of those adds one
//! level and is refused beyond `MAX_DEPTH`, so a hostile input cannot overflow the (small,
//! in debug wasm) stack: the parser is at most ~5 frames per level deep.

use super::ast::{Constant, Expr, ExprKind, Func};
use super::error::{ExprError, Span};
use super::lexer::{Tok, Token, lex};

/// Longest accepted input, in characters.
pub const MAX_LEN: usize = 2000;
/// Deepest accepted nesting of parentheses, calls, signs and powers.
pub const MAX_DEPTH: usize = 200;

/// Parse `input`, accepting exactly the variable names in `vars` (they win over constants of the
/// same name; a name followed by '(' is looked up as a function first).
pub fn parse(input: &str, vars: &[&str]) -> Result<Expr, ExprError> {
    let chars: Vec<char> = input.chars().collect();
    if chars.len() > MAX_LEN {
        return Err(ExprError::new(
            format!("expression longer than {MAX_LEN} characters"),
            Span::NONE,
        ));
    }
    let toks = lex(&chars)?;
    if toks.len() == 1 {
        return Err(ExprError::new("empty expression", Span::NONE));
    }
    let mut p = Parser {
        chars: &chars,
        toks,
        pos: 0,
        vars,
    };
    let e = p.expr(0)?;
    match &p.peek().tok {
        Tok::End => Ok(e),
        _ => Err(p.unexpected()),
    }
}

struct Parser<'a> {
    chars: &'a [char],
    toks: Vec<Token>,
    pos: usize,
    vars: &'a [&'a str],
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        &self.toks[self.pos]
    }

    fn peek_at(&self, k: usize) -> &Token {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)]
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn text(&self, span: Span) -> String {
        self.chars[span.start..span.end].iter().collect()
    }

    /// The error for a token that cannot stand where it is.
    fn unexpected(&self) -> ExprError {
        let t = self.peek();
        match t.tok {
            Tok::End => ExprError::new("unexpected end of input", t.span),
            _ => ExprError::new(format!("unexpected '{}'", self.text(t.span)), t.span),
        }
    }

    fn deeper(&self, depth: usize) -> Result<usize, ExprError> {
        if depth >= MAX_DEPTH {
            let span = self.peek().span;
            return Err(ExprError::new(
                format!("expression nested more than {MAX_DEPTH} levels deep"),
                span,
            ));
        }
        Ok(depth + 1)
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let first = self.term(depth)?;
        let mut terms = vec![first];
        loop {
            let op = self.peek().clone();
            match op.tok {
                Tok::Plus => {
                    self.bump();
                    terms.push(self.term(depth)?);
                }
                Tok::Minus => {
                    self.bump();
                    let t = self.term(depth)?;
                    let span = op.span.to(t.span);
                    terms.push(Expr::new(ExprKind::Neg(Box::new(t)), span));
                }
                _ => break,
            }
        }
        Ok(collect(terms, ExprKind::Add))
    }

    fn term(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let first = self.unary(depth)?;
        self.no_juxtaposition()?;
        let chain_start = first.span;
        let mut factors = vec![first];
        loop {
            match self.peek().tok {
                Tok::Star => {
                    self.bump();
                    factors.push(self.unary(depth)?);
                }
                Tok::Slash => {
                    self.bump();
                    let d = self.unary(depth)?;
                    // The span of `a/b` (from the start of the product), so a division by zero
                    // underlines the whole quotient the user wrote.
                    let span = chain_start.to(d.span);
                    factors.push(Expr::new(ExprKind::Inv(Box::new(d)), span));
                }
                _ => break,
            }
            self.no_juxtaposition()?;
        }
        Ok(collect(factors, ExprKind::Mul))
    }

    /// `2x`, `2(x+1)`, `x y`, `)(`: implicit multiplication is refused with a pointed message.
    fn no_juxtaposition(&self) -> Result<(), ExprError> {
        let next = self.peek();
        if matches!(next.tok, Tok::Num(_) | Tok::Ident(_) | Tok::LParen) {
            let prev = &self.toks[self.pos - 1];
            let msg = format!(
                "missing operator between '{}' and '{}'",
                self.text(prev.span),
                self.text(next.span)
            );
            return Err(ExprError::new(msg, next.span));
        }
        Ok(())
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let op = self.peek().clone();
        match op.tok {
            Tok::Minus | Tok::Plus => {
                let d = self.deeper(depth)?;
                self.bump();
                let inner = self.unary(d)?;
                if op.tok == Tok::Plus {
                    return Ok(inner);
                }
                let span = op.span.to(inner.span);
                Ok(Expr::new(ExprKind::Neg(Box::new(inner)), span))
            }
            _ => self.power(depth),
        }
    }

    fn power(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let base = self.atom(depth)?;
        if self.peek().tok != Tok::Caret {
            return Ok(base);
        }
        let d = self.deeper(depth)?;
        self.bump();
        let exp = self.unary(d)?;
        let span = base.span.to(exp.span);
        Ok(Expr::new(
            ExprKind::Pow(Box::new(base), Box::new(exp)),
            span,
        ))
    }

    fn atom(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::Num(v) => {
                self.bump();
                Ok(Expr::new(ExprKind::Num(v), t.span))
            }
            Tok::LParen => {
                let d = self.deeper(depth)?;
                self.bump();
                let inner = self.expr(d)?;
                let close = self.expect_rparen()?;
                // the span includes the parentheses: `(u-1)` is what a message should underline
                Ok(inner.at(t.span.to(close)))
            }
            Tok::Ident(ref name) => self.ident(name, t.span, depth),
            _ => Err(self.unexpected()),
        }
    }

    fn ident(&mut self, name: &str, span: Span, depth: usize) -> Result<Expr, ExprError> {
        let followed_by_paren = self.peek_at(1).tok == Tok::LParen;
        if followed_by_paren && let Some(f) = Func::from_name(name) {
            self.bump();
            let d = self.deeper(depth)?;
            self.bump();
            let arg = self.expr(d)?;
            let close = self.expect_rparen()?;
            return Ok(Expr::new(ExprKind::Call(f, Box::new(arg)), span.to(close)));
        }
        if self.vars.contains(&name) {
            self.bump();
            return Ok(Expr::new(ExprKind::Var(name.to_string()), span));
        }
        if let Some(c) = Constant::from_name(name) {
            self.bump();
            return Ok(Expr::new(ExprKind::Const(c), span));
        }
        if Func::from_name(name).is_some() {
            let next = self.peek_at(1).span;
            return Err(ExprError::new(format!("expected '(' after '{name}'"), next));
        }
        if followed_by_paren {
            return Err(ExprError::new(format!("unknown function '{name}'"), span));
        }
        let allowed = if self.vars.is_empty() {
            "no variables allowed".to_string()
        } else {
            format!("allowed: {}", self.vars.join(", "))
        };
        Err(ExprError::new(
            format!("unknown variable '{name}' ({allowed})"),
            span,
        ))
    }

    fn expect_rparen(&mut self) -> Result<Span, ExprError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::RParen => {
                self.bump();
                Ok(t.span)
            }
            Tok::End => Err(ExprError::new("expected ')'", t.span)),
            _ => Err(ExprError::new(
                format!("expected ')' but found '{}'", self.text(t.span)),
                t.span,
            )),
        }
    }
}

/// One item stays itself; several become an n-ary node spanning all of them.
fn collect(mut items: Vec<Expr>, make: fn(Vec<Expr>) -> ExprKind) -> Expr {
    if items.len() == 1 {
        return items.pop().unwrap();
    }
    let span = items[0].span.to(items[items.len() - 1].span);
    Expr::new(make(items), span)
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
