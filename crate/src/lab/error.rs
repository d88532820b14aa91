use std::fmt;

/// What kind of failure, so callers can react: input errors are shown next to the form, numeric
/// blow-ups pause the run, GPU failures switch the run to the CPU path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad parameters, unknown names, malformed expressions.
    Input,
    /// A non-finite value or a blow-up; the lab's state is kept as it was before the step.
    Numeric,
    /// The GPU path failed (lost device, timeout); the CPU path can continue.
    Gpu,
}

/// Errors are values all the way to the banner: a message that says what and where, plus the
/// character span for expression errors and the parameter it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct LabError {
    pub kind: ErrorKind,
    pub message: String,
    /// Character offsets [start, end) into the offending expression.
    pub span: Option<(usize, usize)>,
    /// The parameter the error concerns, if any.
    pub param: Option<String>,
}

impl LabError {
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Input,
            message: message.into(),
            span: None,
            param: None,
        }
    }

    pub fn numeric(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Numeric,
            message: message.into(),
            span: None,
            param: None,
        }
    }

    pub fn gpu(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Gpu,
            message: message.into(),
            span: None,
            param: None,
        }
    }

    pub fn for_param(mut self, name: &str) -> Self {
        self.param = Some(name.to_string());
        self
    }

    pub fn with_span(mut self, start: usize, end: usize) -> Self {
        self.span = Some((start, end));
        self
    }
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LabError {}

impl From<crate::gpu::GpuError> for LabError {
    fn from(e: crate::gpu::GpuError) -> Self {
        LabError::gpu(e.to_string())
    }
}
