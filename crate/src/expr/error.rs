//! Errors are values: every failure carries a span into the user's text so the UI can underline it.
//! Spans count characters, not bytes, because the page indexes JavaScript strings by character.

use std::fmt;

/// Half-open range `start..end` of character offsets into the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// "No particular place": nodes built in code, and errors about the whole input
    /// (empty, too long). `Display` of an error leaves the location out for it.
    pub const NONE: Span = Span { start: 0, end: 0 };

    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn is_none(self) -> bool {
        self == Span::NONE
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A parse (or other static) error: what went wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub message: String,
    pub span: Span,
}

impl ExprError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ExprError {
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.span.is_none() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} at {}", self.message, self.span)
        }
    }
}

impl std::error::Error for ExprError {}

/// A numeric failure found by `Compiled::check_batch`: the first operation that turned finite
/// inputs into a non-finite value, the source span of that operation and the point it happened at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub message: String,
    pub span: Span,
    pub point_index: usize,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.span.is_none() {
            write!(f, "{} (at point {})", self.message, self.point_index)
        } else {
            write!(
                f,
                "{} at {} (at point {})",
                self.message, self.span, self.point_index
            )
        }
    }
}

impl std::error::Error for EvalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_location_unless_none() {
        assert_eq!(
            ExprError::new("unknown function 'sinn'", Span::new(0, 4)).to_string(),
            "unknown function 'sinn' at 0..4"
        );
        assert_eq!(
            ExprError::new("empty expression", Span::NONE).to_string(),
            "empty expression"
        );
        let e = EvalError {
            message: "ln of a negative number".into(),
            span: Span::new(0, 7),
            point_index: 12,
        };
        assert_eq!(
            e.to_string(),
            "ln of a negative number at 0..7 (at point 12)"
        );
    }

    #[test]
    fn span_union() {
        assert_eq!(Span::new(3, 5).to(Span::new(1, 4)), Span::new(1, 5));
    }
}
