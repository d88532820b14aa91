//! One GPU context per page (or per native process): adapter, device, queue, and its health.

use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::GpuError;

/// What the user sees about the compute device (`gpuInfo()` in JS, the Device page, the status line).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AdapterSummary {
    pub available: bool,
    /// Human-readable adapter description; empty when unavailable.
    pub adapter: String,
    /// "webgpu", "vulkan", ... ; empty when unavailable.
    pub backend: String,
    /// True for software adapters (SwiftShader in Chromium, lavapipe natively): correct but slow.
    pub fallback: bool,
    /// Why no GPU is used; empty when available.
    pub reason: String,
}

impl AdapterSummary {
    pub fn unavailable(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            ..Self::default()
        }
    }
}

/// Device loss and uncaptured errors arrive in callbacks; they are recorded here and turned into
/// `GpuError`s at the next call, so nothing panics inside wgpu's default handler.
#[derive(Default)]
struct Health {
    lost: Mutex<Option<String>>,
    uncaptured: Mutex<Option<String>>,
}

pub struct GpuContext {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    summary: AdapterSummary,
    health: Arc<Health>,
}

impl GpuContext {
    /// Finds an adapter and opens a device, or says clearly why there is none.
    pub async fn new() -> Result<GpuContext, GpuError> {
        let instance = new_instance()?;
        let options = wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            ..Default::default()
        };
        let adapter = instance
            .request_adapter(&options)
            .await
            .map_err(|e| GpuError::Unavailable(no_adapter_reason(&e.to_string())))?;
        let descriptor = wgpu::DeviceDescriptor {
            label: Some("deltaf"),
            required_limits: adapter.limits(),
            ..Default::default()
        };
        let (device, queue) = adapter
            .request_device(&descriptor)
            .await
            .map_err(|e| GpuError::Unavailable(format!("the adapter refused a device: {e}")))?;

        let health = Arc::new(Health::default());
        let on_lost = Arc::clone(&health);
        device.set_device_lost_callback(move |reason, message| {
            let text = if message.is_empty() {
                format!("{reason:?}")
            } else {
                message
            };
            *on_lost.lost.lock().unwrap_or_else(|p| p.into_inner()) = Some(text);
        });
        let on_error = Arc::clone(&health);
        device.on_uncaptured_error(Arc::new(move |error: wgpu::Error| {
            *on_error
                .uncaptured
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some(error.to_string());
        }));

        let summary = describe(&adapter.get_info(), &device);
        Ok(GpuContext {
            device,
            queue,
            summary,
            health,
        })
    }

    pub fn summary(&self) -> &AdapterSummary {
        &self.summary
    }

    /// Err once the device is lost (or was marked lost after a timeout); every kernel checks this first.
    pub fn check_alive(&self) -> Result<(), GpuError> {
        match self
            .health
            .lost
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            Some(why) => Err(GpuError::Lost(why.clone())),
            None => Ok(()),
        }
    }

    pub fn is_lost(&self) -> bool {
        self.check_alive().is_err()
    }

    /// Treat the device as unusable from now on (a call hung past its timeout, say).
    pub fn mark_lost(&self, why: impl Into<String>) {
        let mut lost = self.health.lost.lock().unwrap_or_else(|p| p.into_inner());
        lost.get_or_insert_with(|| why.into());
    }

    /// Destroys the device, as a driver reset would: used by tests of the CPU fallback.
    pub fn destroy(&self) {
        self.mark_lost("the device was destroyed");
        self.device.destroy();
    }

    /// An error wgpu reported outside any error scope since the last call, if any.
    pub(crate) fn take_uncaptured_error(&self) -> Option<String> {
        self.health
            .uncaptured
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn new_instance() -> Result<wgpu::Instance, GpuError> {
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends = wgpu::Backends::VULKAN;
    Ok(wgpu::Instance::new(descriptor))
}

#[cfg(target_arch = "wasm32")]
fn new_instance() -> Result<wgpu::Instance, GpuError> {
    // wgpu assumes a browser global; in Node (or a browser without WebGPU) say so instead.
    if !super::browser::js_has_navigator_gpu() {
        return Err(GpuError::Unavailable(
            "WebGPU is not available in this JavaScript environment (no navigator.gpu)".into(),
        ));
    }
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends = wgpu::Backends::BROWSER_WEBGPU;
    Ok(wgpu::Instance::new(descriptor))
}

fn no_adapter_reason(detail: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        // wgpu's detail lists every native backend "not requested", which only confuses here.
        let _ = detail;
        "the browser offers no WebGPU adapter (navigator.gpu.requestAdapter() found none); Chromium \
         on Linux needs a supported GPU or the --enable-unsafe-webgpu flag"
            .to_string()
    } else {
        format!(
            "no Vulkan adapter found ({detail}); install mesa-vulkan-drivers for the lavapipe CPU driver"
        )
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn describe(info: &wgpu::AdapterInfo, _device: &wgpu::Device) -> AdapterSummary {
    let mut adapter = info.name.clone();
    if !info.driver.is_empty() {
        adapter = format!("{adapter} ({} {})", info.driver, info.driver_info)
            .trim_end()
            .into();
    }
    AdapterSummary {
        available: true,
        adapter,
        backend: format!("{:?}", info.backend).to_lowercase(),
        fallback: info.device_type == wgpu::DeviceType::Cpu,
        reason: String::new(),
    }
}

#[cfg(target_arch = "wasm32")]
fn describe(info: &wgpu::AdapterInfo, device: &wgpu::Device) -> AdapterSummary {
    // wgpu maps only `description` (usually empty for privacy); GPUDevice.adapterInfo also has
    // vendor and architecture ("google", "swiftshader"), which is what tells users what ran.
    let js_info = super::browser::js_adapter_info(device);
    let mut parts: Vec<String> = Vec::new();
    for part in [info.name.clone(), js_info.vendor, js_info.architecture] {
        if !part.is_empty() && !parts.contains(&part) {
            parts.push(part);
        }
    }
    let fallback = info.device_type == wgpu::DeviceType::Cpu || js_info.is_fallback;
    let mut adapter = if parts.is_empty() {
        "unnamed WebGPU adapter".to_string()
    } else {
        parts.join(" ")
    };
    if fallback {
        adapter.push_str(" (software fallback adapter)");
    }
    AdapterSummary {
        available: true,
        adapter,
        backend: "webgpu".into(),
        fallback,
        reason: String::new(),
    }
}
