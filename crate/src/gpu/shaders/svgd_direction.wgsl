// The SVGD direction in 2D, before the 1/n: for every particle i
//
//   out[i] = Σ_j [ k_ij s_j + (x_i − x_j) k_ij / h ],   k_ij = exp(−‖x_i − x_j‖² / (2h)),
//
// where s_j = ∇log p(x_j) (the scores, computed on the host). One invocation per particle; the
// j loop is tiled through workgroup memory, so each point and score is read from global memory
// once per workgroup.

struct Params {
    n: u32,
    pad: u32,
    // −1/(2h) and 1/h, precomputed on the host.
    neg_inv_two_h: f32,
    inv_h: f32,
}

const TILE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> scores: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> out: array<vec2<f32>>;

var<workgroup> tile_x: array<vec2<f32>, 64>;
var<workgroup> tile_s: array<vec2<f32>, 64>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let n = params.n;
    let i = gid.x;
    // Inactive invocations still load tiles and meet the barriers (uniform control flow).
    let xi = points[min(i, n - 1u)];
    var acc = vec2<f32>(0.0, 0.0);
    for (var base = 0u; base < n; base += TILE) {
        let j = base + lid.x;
        if (j < n) {
            tile_x[lid.x] = points[j];
            tile_s[lid.x] = scores[j];
        }
        workgroupBarrier();
        let count = min(TILE, n - base);
        for (var t = 0u; t < count; t++) {
            let d = xi - tile_x[t];
            let k = exp(dot(d, d) * params.neg_inv_two_h);
            acc += k * (tile_s[t] + d * params.inv_h);
        }
        workgroupBarrier();
    }
    if (i < n) {
        out[i] = acc;
    }
}
