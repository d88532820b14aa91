// One training pass of a tanh MLP on R rows: forward with ONE tangent direction per row
// (value f and directional derivative ḟ = ∇f·v), the residual r = α f + β ḟ − γ of each row,
// and the reverse pass to the parameter gradient of Σ_rows w r². This is the whole loss of the
// FDE PINNs (crate/src/pinn/fde.rs): their residual is one directional derivative.
//
// Row layout of every activation buffer: R value rows, then R tangent rows, each [n] wide.
// Parameters use the Mlp layout (W [n_out × n_in] row-major, then b), as f32.
// Entry points, dispatched per layer by crate/src/gpu/mlp_train.rs:
//   forward    z = W·h (+ b on value rows); hidden: a = tanh z, ȧ = (1 − a²) ż; output: f, ḟ
//   seeds      r, and the adjoints f̄ = 2 w r α, ḟ̄ = 2 w r β
//   weight_grad W̄ = Σ_rows z̄ hᵀ over value and tangent rows, b̄ = Σ value-row z̄
//   input_adjoint h̄ = Wᵀ z̄, then back through tanh of the previous layer:
//               ū = σ' ā + σ'' u̇ ǡ,  u̇̄ = σ' ǡ,  σ' = 1 − a², σ'' = −2 a σ'
// Every binding number is distinct, so each entry point's automatic layout holds only its own.

struct Layer {
    n_in: u32,
    n_out: u32,
    w_off: u32,
    b_off: u32,
    rows: u32,
    hidden: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<uniform> layer: Layer;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> h_in: array<f32>;        // [2R × n_in]
@group(0) @binding(3) var<storage, read_write> a_out: array<f32>; // [2R × n_out]
@group(0) @binding(4) var<storage, read_write> zt_out: array<f32>; // [R × n_out] tangent pre-activations

@group(0) @binding(5) var<storage, read> f_out: array<f32>;        // [2R] (n_out = 1)
@group(0) @binding(6) var<storage, read> coef: array<f32>;         // [R × 4]: α, β, γ, w
@group(0) @binding(7) var<storage, read_write> gz_seed: array<f32>; // [2R]
@group(0) @binding(8) var<storage, read_write> resid: array<f32>;  // [R]

@group(0) @binding(9) var<storage, read> gz: array<f32>;           // [2R × n_out]
@group(0) @binding(10) var<storage, read> h_w: array<f32>;         // [2R × n_in]
@group(0) @binding(11) var<storage, read_write> grad: array<f32>;  // all parameters

@group(0) @binding(12) var<storage, read> gz_a: array<f32>;        // [2R × n_out]
@group(0) @binding(13) var<storage, read> a_prev: array<f32>;      // [2R × n_in]
@group(0) @binding(14) var<storage, read> zt_prev: array<f32>;     // [R × n_in]
@group(0) @binding(15) var<storage, read_write> gz_prev: array<f32>; // [2R × n_in]
@group(0) @binding(16) var<storage, read> params_a: array<f32>;

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) gid: vec3<u32>) {
    let rows = layer.rows;
    let n_in = layer.n_in;
    let n_out = layer.n_out;
    let idx = gid.x;
    if (idx >= rows * n_out) {
        return;
    }
    let r = idx / n_out;
    let o = idx % n_out;
    var z = params[layer.b_off + o];
    var zt = 0.0;
    let w = layer.w_off + o * n_in;
    for (var i = 0u; i < n_in; i++) {
        let wi = params[w + i];
        z += h_in[r * n_in + i] * wi;
        zt += h_in[(rows + r) * n_in + i] * wi;
    }
    if (layer.hidden == 1u) {
        let a = tanh(z);
        a_out[r * n_out + o] = a;
        a_out[(rows + r) * n_out + o] = (1.0 - a * a) * zt;
        zt_out[r * n_out + o] = zt;
    } else {
        a_out[r * n_out + o] = z;
        a_out[(rows + r) * n_out + o] = zt;
    }
}

@compute @workgroup_size(64)
fn seeds(@builtin(global_invocation_id) gid: vec3<u32>) {
    let rows = layer.rows;
    let r = gid.x;
    if (r >= rows) {
        return;
    }
    let alpha = coef[4u * r];
    let beta = coef[4u * r + 1u];
    let gamma = coef[4u * r + 2u];
    let w = coef[4u * r + 3u];
    let res = alpha * f_out[r] + beta * f_out[rows + r] - gamma;
    resid[r] = res;
    gz_seed[r] = 2.0 * w * res * alpha;
    gz_seed[rows + r] = 2.0 * w * res * beta;
}

@compute @workgroup_size(64)
fn weight_grad(@builtin(global_invocation_id) gid: vec3<u32>) {
    let rows = layer.rows;
    let n_in = layer.n_in;
    let n_out = layer.n_out;
    let idx = gid.x;
    if (idx >= n_out * (n_in + 1u)) {
        return;
    }
    let o = idx / (n_in + 1u);
    let i = idx % (n_in + 1u);
    var s = 0.0;
    if (i == n_in) {
        for (var r = 0u; r < rows; r++) {
            s += gz[r * n_out + o];
        }
        grad[layer.b_off + o] = s;
    } else {
        for (var r = 0u; r < 2u * rows; r++) {
            s += gz[r * n_out + o] * h_w[r * n_in + i];
        }
        grad[layer.w_off + o * n_in + i] = s;
    }
}

@compute @workgroup_size(64)
fn input_adjoint(@builtin(global_invocation_id) gid: vec3<u32>) {
    let rows = layer.rows;
    let n_in = layer.n_in;
    let n_out = layer.n_out;
    let idx = gid.x;
    if (idx >= rows * n_in) {
        return;
    }
    let r = idx / n_in;
    let i = idx % n_in;
    var hv = 0.0;
    var ht = 0.0;
    for (var o = 0u; o < n_out; o++) {
        let w = params_a[layer.w_off + o * n_in + i];
        hv += gz_a[r * n_out + o] * w;
        ht += gz_a[(rows + r) * n_out + o] * w;
    }
    let a = a_prev[r * n_in + i];
    let s1 = 1.0 - a * a;
    let s2 = -2.0 * a * s1;
    gz_prev[r * n_in + i] = s1 * hv + s2 * zt_prev[r * n_in + i] * ht;
    gz_prev[(rows + r) * n_in + i] = s1 * ht;
}
