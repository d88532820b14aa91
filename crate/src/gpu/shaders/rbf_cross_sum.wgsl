// Cross sums of the RBF kernel between two 2D point sets, the O(N·M) part of the MMD:
//
//   out[i] = Σ_j exp(−‖a_i − b_j‖² / (2h)),   i < n, j < m.
//
// One invocation per a_i; the b_j are tiled through workgroup memory.

struct Params {
    n: u32,
    m: u32,
    neg_inv_two_h: f32,
    pad: f32,
}

const TILE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

var<workgroup> tile: array<vec2<f32>, 64>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let i = gid.x;
    let ai = a[min(i, params.n - 1u)];
    var acc = 0.0;
    for (var base = 0u; base < params.m; base += TILE) {
        let j = base + lid.x;
        if (j < params.m) {
            tile[lid.x] = b[j];
        }
        workgroupBarrier();
        let count = min(TILE, params.m - base);
        for (var t = 0u; t < count; t++) {
            let d = ai - tile[t];
            acc += exp(dot(d, d) * params.neg_inv_two_h);
        }
        workgroupBarrier();
    }
    if (i < params.n) {
        out[i] = acc;
    }
}
