//! Characters → tokens. Works on a `&[char]` so that every span is a character offset.
//! Only ASCII is meaningful; anything else is a clean error (with a hint for look-alikes).

use super::error::{ExprError, Span};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Num(f64),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    /// `^` or `**`
    Caret,
    LParen,
    RParen,
    /// Lexed (not rejected here) so that `atan2(y, x)` reports the unknown function first.
    Comma,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// The whole input as tokens, ending with one `End` whose span is empty at the end of the input.
pub(crate) fn lex(chars: &[char]) -> Result<Vec<Token>, ExprError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let tok = match c {
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            '0'..='9' | '.' => {
                i = scan_number(chars, i)?;
                let text: String = chars[start..i].iter().collect();
                let span = Span::new(start, i);
                let value: f64 = text
                    .parse()
                    .map_err(|_| ExprError::new(format!("malformed number '{text}'"), span))?;
                if !value.is_finite() {
                    return Err(ExprError::new(
                        format!("number '{text}' is too large"),
                        span,
                    ));
                }
                out.push(Token {
                    tok: Tok::Num(value),
                    span,
                });
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(chars[start..i].iter().collect()),
                    span: Span::new(start, i),
                });
                continue;
            }
            '+' => Tok::Plus,
            '-' => Tok::Minus,
            '*' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                out.push(Token {
                    tok: Tok::Caret,
                    span: Span::new(start, i),
                });
                continue;
            }
            '*' => Tok::Star,
            '/' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            other => return Err(unexpected_char(other, Span::new(i, i + 1))),
        };
        i += 1;
        out.push(Token {
            tok,
            span: Span::new(start, i),
        });
    }
    out.push(Token {
        tok: Tok::End,
        span: Span::new(chars.len(), chars.len()),
    });
    Ok(out)
}

/// Digits with an optional fraction and exponent; returns the index after the number.
/// An `e` not followed by digits is left alone, so `2e` lexes as `2`, `e` (and the parser
/// then reports the missing operator) rather than as a malformed number.
fn scan_number(chars: &[char], mut i: usize) -> Result<usize, ExprError> {
    let start = i;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    let whole = digits(&mut i);
    let mut frac = 0;
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        frac = digits(&mut i);
    }
    if whole == 0 && frac == 0 {
        return Err(ExprError::new(
            "unexpected character '.'",
            Span::new(start, start + 1),
        ));
    }
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        let mut j = i + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        if j < chars.len() && chars[j].is_ascii_digit() {
            i = j;
            digits(&mut i);
        }
    }
    Ok(i)
}

fn unexpected_char(c: char, span: Span) -> ExprError {
    let hint = match c {
        '×' | '·' | '⋅' | '∙' => " (use '*' for multiplication)",
        '−' | '–' | '—' => " (use '-' for minus)",
        '÷' => " (use '/' for division)",
        '²' => " (use '^2')",
        '³' => " (use '^3')",
        'π' => " (write 'pi')",
        _ => "",
    };
    ExprError::new(format!("unexpected character '{c}'{hint}"), span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let chars: Vec<char> = s.chars().collect();
        lex(&chars).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_in_all_spellings() {
        for (text, v) in [
            ("2", 2.0),
            ("2.5", 2.5),
            (".5", 0.5),
            ("1e-3", 1e-3),
            ("1.5E+4", 1.5e4),
            ("5.", 5.0),
        ] {
            assert_eq!(toks(text), vec![Tok::Num(v), Tok::End], "{text}");
        }
    }

    #[test]
    fn e_without_digits_is_not_an_exponent() {
        assert_eq!(
            toks("2e"),
            vec![Tok::Num(2.0), Tok::Ident("e".into()), Tok::End]
        );
        assert_eq!(
            toks("2e+x"),
            vec![
                Tok::Num(2.0),
                Tok::Ident("e".into()),
                Tok::Plus,
                Tok::Ident("x".into()),
                Tok::End
            ]
        );
    }

    #[test]
    fn double_star_is_power_and_spans_count_chars() {
        let chars: Vec<char> = "é".chars().collect();
        let err = lex(&chars).unwrap_err();
        assert_eq!(err.span, Span::new(0, 1));
        let chars: Vec<char> = "u_x ** 2".chars().collect();
        let t = lex(&chars).unwrap();
        assert_eq!(
            t[1],
            Token {
                tok: Tok::Caret,
                span: Span::new(4, 6)
            }
        );
        assert_eq!(t[3].span, Span::new(8, 8));
    }

    #[test]
    fn look_alikes_get_hints() {
        let chars: Vec<char> = "2×x".chars().collect();
        let err = lex(&chars).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unexpected character '×' (use '*' for multiplication) at 1..2"
        );
    }

    #[test]
    fn huge_numbers_are_rejected() {
        let chars: Vec<char> = "1e400".chars().collect();
        assert_eq!(
            lex(&chars).unwrap_err().message,
            "number '1e400' is too large"
        );
    }
}
