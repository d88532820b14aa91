//! A lab plus what every lab shares: validated params and their warnings, the step count, the
//! measured rate, and which device runs it (with the CPU fallback when a GPU step fails).

use std::rc::Rc;

use super::{
    ErrorKind, Lab, LabError, LabInfo, Metrics, Params, RawValue, Snapshot, find, resolve,
};
use crate::clock::now_ms;
use crate::gpu::GpuContext;

/// One call may not ask for more steps than this: a typo like 1e9 must not freeze the tab.
pub const MAX_STEPS_PER_CALL: u32 = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Device {
    Cpu { reason: String },
    Gpu { adapter: String },
}

/// Steps per second of compute, averaged over windows of at least 250 ms so it reads steadily.
#[derive(Default)]
struct StepRate {
    window_steps: u64,
    window_ms: f64,
    rate: Option<f64>,
}

impl StepRate {
    fn record(&mut self, steps: u32, ms: f64) {
        self.window_steps += steps as u64;
        self.window_ms += ms;
        if self.window_ms >= 250.0 || self.rate.is_none() && self.window_ms > 0.0 {
            self.rate = Some(self.window_steps as f64 / (self.window_ms / 1e3));
            self.window_steps = 0;
            self.window_ms = 0.0;
        }
    }
}

pub struct Runner {
    info: &'static LabInfo,
    lab: Box<dyn Lab>,
    params: Params,
    seed: u64,
    warnings: Vec<String>,
    steps: u64,
    rate: StepRate,
    device: Device,
}

impl Runner {
    pub fn new(id: &str, raw: &[(String, RawValue)], seed: u64) -> Result<Runner, LabError> {
        let info = find(id).ok_or_else(|| {
            let known: Vec<&str> = super::LABS.iter().map(|l| l.id).collect();
            LabError::input(format!(
                "unknown lab '{id}'; known labs: {}",
                known.join(", ")
            ))
        })?;
        let (params, mut warnings) = resolve(info.params, raw)?;
        let lab = (info.create)(&params, seed)?;
        warnings.extend(lab.notices());
        Ok(Runner {
            info,
            lab,
            params,
            seed,
            warnings,
            steps: 0,
            rate: StepRate::default(),
            device: Device::Cpu {
                reason: "no GPU requested".into(),
            },
        })
    }

    pub fn info(&self) -> &'static LabInfo {
        self.info
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Parameter clamps at creation, then runtime notices (e.g. a GPU fallback), oldest first.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    fn check_count(n: u32) -> Result<(), LabError> {
        if n > MAX_STEPS_PER_CALL {
            return Err(LabError::input(format!(
                "asked for {n} steps in one call; the limit is {MAX_STEPS_PER_CALL}"
            )));
        }
        Ok(())
    }

    /// n steps on the CPU.
    pub fn step(&mut self, n: u32) -> Result<(), LabError> {
        Self::check_count(n)?;
        let start = now_ms();
        self.lab.step(n)?;
        self.rate.record(n, now_ms() - start);
        self.steps += n as u64;
        Ok(())
    }

    /// n steps on the GPU when one is attached, else on the CPU. A GPU failure switches the run
    /// to the CPU with a notice in `warnings()` and completes the steps there.
    pub async fn step_async(&mut self, n: u32) -> Result<(), LabError> {
        if !matches!(self.device, Device::Gpu { .. }) {
            return self.step(n);
        }
        Self::check_count(n)?;
        let start = now_ms();
        match self.lab.step_gpu(n).await {
            Ok(()) => {
                self.rate.record(n, now_ms() - start);
                self.steps += n as u64;
                Ok(())
            }
            Err(e) if e.kind == ErrorKind::Gpu => {
                self.use_cpu(&e.message);
                self.warnings
                    .push(format!("{}; continuing on the CPU", e.message));
                self.step(n)
            }
            Err(e) => Err(e),
        }
    }

    /// Moves the lab onto the GPU if it has a GPU path. Returns whether the GPU is now used.
    pub async fn use_gpu(&mut self, gpu: Rc<GpuContext>) -> Result<bool, LabError> {
        if let Err(e) = gpu.check_alive() {
            self.use_cpu(&e.to_string());
            return Ok(false);
        }
        let adapter = gpu.summary().adapter.clone();
        match self.lab.attach_gpu(gpu).await {
            Ok(true) => {
                self.device = Device::Gpu { adapter };
                self.rate = StepRate::default();
                Ok(true)
            }
            Ok(false) => {
                self.device = Device::Cpu {
                    reason: "this lab has no GPU path".into(),
                };
                Ok(false)
            }
            Err(e) => {
                self.use_cpu(&e.message);
                Ok(false)
            }
        }
    }

    pub fn use_cpu(&mut self, reason: &str) {
        self.lab.detach_gpu();
        self.device = Device::Cpu {
            reason: reason.to_string(),
        };
        self.rate = StepRate::default();
    }

    /// The lab's metrics plus `steps`, `steps_per_second` (0 until measured) and the device
    /// (returned separately because it is a string).
    pub fn metrics(&self) -> (Metrics, &'static str) {
        let mut m = Metrics::default()
            .with("steps", self.steps as f64)
            .with("steps_per_second", self.rate.rate.unwrap_or(0.0));
        m.values.extend(self.lab.metrics().values);
        let device = match self.device {
            Device::Gpu { .. } => "gpu",
            Device::Cpu { .. } => "cpu",
        };
        (m, device)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lab.snapshot()
    }
}
