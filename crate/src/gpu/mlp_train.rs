//! Batched forward + backward of a tanh MLP on the GPU for losses of the value and ONE
//! directional derivative per row: r = α f + β ∂_v f − γ, Loss = Σ_rows w r² (the FDE PINN loss;
//! shaders/mlp_train.wgsl). Returns the parameter gradient and the residuals, in f32.
//!
//! Two implementations that must agree: `reference` (f64, the neural core's jet and reverse pass:
//! the oracle) and `MlpTrain` (WGSL). Scope: tanh, no layer norm, one output, ≤ 6 hidden layers
//! of ≤ 256, ≤ 8192 rows; other networks stay on the CPU.

use super::readback::read_f32;
use super::timeout::{DEFAULT_TIMEOUT_MS, with_timeout};
use super::{GpuContext, GpuError};
use crate::nn::{Activation, Dirs, Jet, JetSpec, Mlp, Tape};

pub const MAX_ROWS: usize = 8192;
const WORKGROUP: u32 = 64;

/// Why `net` cannot use this kernel, if it cannot.
pub fn unsupported(net: &Mlp) -> Option<String> {
    if net.activation() != Activation::Tanh {
        return Some("the GPU path supports tanh networks only".into());
    }
    if net.config().layer_norm {
        return Some("the GPU path has no layer norm".into());
    }
    if net.d_out() != 1 {
        return Some("the GPU path needs one output".into());
    }
    None
}

/// The rows of one pass: inputs x and directions v (`[R × d_in]` each) and per-row (α, β, γ, w).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub d_in: usize,
    pub x: Vec<f64>,
    pub v: Vec<f64>,
    pub coef: Vec<[f64; 4]>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.coef.len()
    }
    pub fn is_empty(&self) -> bool {
        self.coef.is_empty()
    }
    pub fn clear(&mut self, d_in: usize) {
        self.d_in = d_in;
        self.x.clear();
        self.v.clear();
        self.coef.clear();
    }
    pub fn push(&mut self, x: &[f64], v: &[f64], coef: [f64; 4]) {
        self.x.extend_from_slice(x);
        self.v.extend_from_slice(v);
        self.coef.push(coef);
    }
}

/// The oracle: gradient (flat parameter layout) and residuals in f64 by the neural core.
pub fn reference(net: &Mlp, rows: &Rows) -> (Vec<f64>, Vec<f64>) {
    let (mut tape, mut jet) = (Tape::new(), Jet::default());
    let spec = JetSpec {
        dirs: Dirs::PerSample(&rows.v),
        pairs: &[],
    };
    net.jet(&mut tape, &rows.x, spec, &mut jet);
    let mut seed = jet.zeros_like();
    let mut resid = Vec::with_capacity(rows.len());
    for (b, &[alpha, beta, gamma, w]) in rows.coef.iter().enumerate() {
        let r = alpha * jet.value[b] + beta * jet.first[b] - gamma;
        seed.value[b] = 2.0 * w * r * alpha;
        seed.first[b] = 2.0 * w * r * beta;
        resid.push(r);
    }
    let mut grad = vec![0.0; net.num_params()];
    net.jet_backward(&mut tape, &seed, &mut grad, None);
    (grad, resid)
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct LayerInfo {
    n_in: u32,
    n_out: u32,
    w_off: u32,
    b_off: u32,
    rows: u32,
    hidden: u32,
    pad: [u32; 2],
}

/// Buffers and bind groups for one architecture and row count.
struct Plan {
    sizes: Vec<usize>,
    rows: usize,
    params: wgpu::Buffer,
    h0: wgpu::Buffer,
    coef: wgpu::Buffer,
    grad: wgpu::Buffer,
    resid: wgpu::Buffer,
    staging: wgpu::Buffer,
    /// (pipeline index, bind group, invocations) in dispatch order.
    passes: Vec<(usize, wgpu::BindGroup, u32)>,
}

pub struct MlpTrain {
    /// forward, seeds, weight_grad, input_adjoint
    pipelines: [wgpu::ComputePipeline; 4],
    plan: Option<Plan>,
}

const ENTRIES: [&str; 4] = ["forward", "seeds", "weight_grad", "input_adjoint"];

impl MlpTrain {
    pub async fn new(ctx: &GpuContext) -> Result<Self, GpuError> {
        ctx.check_alive()?;
        let scope = ctx.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let module = ctx
            .device
            .create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some("mlp_train"),
                source: wgpu::ShaderSource::Wgsl(include_str!("shaders/mlp_train.wgsl").into()),
            });
        let pipelines = ENTRIES.map(|entry| {
            ctx.device
                .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                    label: Some(entry),
                    layout: None,
                    module: &module,
                    entry_point: Some(entry),
                    compilation_options: Default::default(),
                    cache: None,
                })
        });
        if let Some(error) =
            with_timeout(scope.pop(), DEFAULT_TIMEOUT_MS, "pipeline creation").await?
        {
            return Err(GpuError::Failed(format!("mlp_train pipelines: {error}")));
        }
        Ok(Self {
            pipelines,
            plan: None,
        })
    }

    fn plan(&mut self, ctx: &GpuContext, net: &Mlp, rows: usize) {
        let sizes = &net.config().sizes;
        if self
            .plan
            .as_ref()
            .is_some_and(|p| p.sizes == *sizes && p.rows == rows)
        {
            return;
        }
        use wgpu::BufferUsages as U;
        let buf = |label: &str, floats: usize, usage| {
            ctx.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size: (floats.max(1) * 4) as u64,
                usage,
                mapped_at_creation: false,
            })
        };
        let n_params = net.num_params();
        let layers = net.layers();
        let n_layers = layers.len();
        let params = buf("mlp params", n_params, U::STORAGE | U::COPY_DST);
        let h0 = buf("mlp rows", 2 * rows * sizes[0], U::STORAGE | U::COPY_DST);
        let coef = buf("mlp coef", 4 * rows, U::STORAGE | U::COPY_DST);
        let grad = buf("mlp grad", n_params, U::STORAGE | U::COPY_SRC);
        let resid = buf("mlp resid", rows, U::STORAGE | U::COPY_SRC);
        let staging = buf("mlp staging", n_params + rows, U::MAP_READ | U::COPY_DST);
        // Per layer: activations a [2R × n] (the output layer's are f, ḟ), tangent
        // pre-activations [R × n], adjoints [2R × n].
        let acts: Vec<_> = layers
            .iter()
            .map(|d| buf("mlp a", 2 * rows * d.n_out, U::STORAGE))
            .collect();
        let zts: Vec<_> = layers
            .iter()
            .map(|d| buf("mlp zt", rows * d.n_out, U::STORAGE))
            .collect();
        let gzs: Vec<_> = layers
            .iter()
            .map(|d| buf("mlp gz", 2 * rows * d.n_out, U::STORAGE))
            .collect();
        let infos: Vec<_> = layers
            .iter()
            .map(|d| {
                let info = LayerInfo {
                    n_in: d.n_in as u32,
                    n_out: d.n_out as u32,
                    w_off: d.w as u32,
                    b_off: d.b as u32,
                    rows: rows as u32,
                    hidden: d.hidden as u32,
                    pad: [0; 2],
                };
                let b = buf("mlp layer", 8, U::UNIFORM | U::COPY_DST);
                ctx.queue.write_buffer(&b, 0, bytemuck::bytes_of(&info));
                b
            })
            .collect();
        let group = |pipeline: usize, entries: &[(u32, &wgpu::Buffer)]| {
            let layout = self.pipelines[pipeline].get_bind_group_layout(0);
            let entries: Vec<_> = entries
                .iter()
                .map(|(binding, b)| wgpu::BindGroupEntry {
                    binding: *binding,
                    resource: b.as_entire_binding(),
                })
                .collect();
            ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(ENTRIES[pipeline]),
                layout: &layout,
                entries: &entries,
            })
        };
        let input = |l: usize| if l == 0 { &h0 } else { &acts[l - 1] };
        let mut passes = Vec::new();
        for (l, d) in layers.iter().enumerate() {
            let g = group(
                0,
                &[
                    (0, &infos[l]),
                    (1, &params),
                    (2, input(l)),
                    (3, &acts[l]),
                    (4, &zts[l]),
                ],
            );
            passes.push((0, g, (rows * d.n_out) as u32));
        }
        let last = n_layers - 1;
        let g = group(
            1,
            &[
                (0, &infos[last]),
                (5, &acts[last]),
                (6, &coef),
                (7, &gzs[last]),
                (8, &resid),
            ],
        );
        passes.push((1, g, rows as u32));
        for (l, d) in layers.iter().enumerate().rev() {
            let g = group(
                2,
                &[(0, &infos[l]), (9, &gzs[l]), (10, input(l)), (11, &grad)],
            );
            passes.push((2, g, (d.n_out * (d.n_in + 1)) as u32));
            if l > 0 {
                let g = group(
                    3,
                    &[
                        (0, &infos[l]),
                        (12, &gzs[l]),
                        (13, &acts[l - 1]),
                        (14, &zts[l - 1]),
                        (15, &gzs[l - 1]),
                        (16, &params),
                    ],
                );
                passes.push((3, g, (rows * d.n_in) as u32));
            }
        }
        self.plan = Some(Plan {
            sizes: sizes.clone(),
            rows,
            params,
            h0,
            coef,
            grad,
            resid,
            staging,
            passes,
        });
    }

    /// Gradient of Σ w r² (flat parameter layout) and the residuals r, in f32.
    pub async fn run(
        &mut self,
        ctx: &GpuContext,
        net: &Mlp,
        rows: &Rows,
    ) -> Result<(Vec<f32>, Vec<f32>), GpuError> {
        if let Some(why) = unsupported(net) {
            return Err(GpuError::Unsupported(why));
        }
        let r = rows.len();
        let d_in = net.d_in();
        if r == 0 || r > MAX_ROWS || rows.x.len() != r * d_in || rows.v.len() != r * d_in {
            return Err(GpuError::Unsupported(format!(
                "{r} rows of {} inputs (1..={MAX_ROWS} rows of {d_in} supported)",
                rows.d_in
            )));
        }
        ctx.check_alive()?;
        let scope = ctx.device.push_error_scope(wgpu::ErrorFilter::Validation);
        self.plan(ctx, net, r);
        let plan = self.plan.as_ref().expect("planned above");
        let f32s = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
        let mut h0 = f32s(&rows.x);
        h0.extend(rows.v.iter().map(|&x| x as f32));
        let coef: Vec<f32> = rows.coef.iter().flatten().map(|&x| x as f32).collect();
        let q = &ctx.queue;
        q.write_buffer(&plan.params, 0, bytemuck::cast_slice(&f32s(net.params())));
        q.write_buffer(&plan.h0, 0, bytemuck::cast_slice(&h0));
        q.write_buffer(&plan.coef, 0, bytemuck::cast_slice(&coef));
        let mut encoder = ctx.device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_compute_pass(&Default::default());
            for (p, group, n) in &plan.passes {
                pass.set_pipeline(&self.pipelines[*p]);
                pass.set_bind_group(0, group, &[]);
                pass.dispatch_workgroups(n.div_ceil(WORKGROUP), 1, 1);
            }
        }
        let n_params = net.num_params();
        let bytes = (n_params * 4) as u64;
        encoder.copy_buffer_to_buffer(&plan.grad, 0, &plan.staging, 0, bytes);
        encoder.copy_buffer_to_buffer(&plan.resid, 0, &plan.staging, bytes, (r * 4) as u64);
        ctx.queue.submit([encoder.finish()]);
        let validation = scope.pop();
        let mut values = read_f32(ctx, &plan.staging, n_params + r).await?;
        if let Some(error) = with_timeout(validation, DEFAULT_TIMEOUT_MS, "error check").await? {
            return Err(GpuError::Failed(error.to_string()));
        }
        if let Some(error) = ctx.take_uncaptured_error() {
            return Err(GpuError::Failed(error));
        }
        ctx.check_alive()?;
        let resid = values.split_off(n_params);
        Ok((values, resid))
    }
}
