use std::fmt;

/// Why a GPU operation did not produce a result. Every variant means "use the CPU path".
#[derive(Clone, Debug, PartialEq)]
pub enum GpuError {
    /// No adapter or device could be obtained; the text says why (shown to the user).
    Unavailable(String),
    /// The device was lost (driver reset, `destroy()`, tab backgrounded too long, ...).
    Lost(String),
    /// A GPU call did not complete within the time limit; the device is treated as lost.
    Timeout { what: &'static str, millis: u32 },
    /// wgpu reported a validation, out-of-memory or internal error.
    Failed(String),
    /// The request exceeds what the kernel supports (e.g. dimension > 8).
    Unsupported(String),
}

impl fmt::Display for GpuError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GpuError::Unavailable(why) => write!(f, "no GPU: {why}"),
            GpuError::Lost(why) => write!(f, "GPU device lost: {why}"),
            GpuError::Timeout { what, millis } => {
                write!(f, "GPU {what} did not finish within {millis} ms")
            }
            GpuError::Failed(why) => write!(f, "GPU error: {why}"),
            GpuError::Unsupported(why) => write!(f, "not supported on the GPU path: {why}"),
        }
    }
}

impl std::error::Error for GpuError {}
