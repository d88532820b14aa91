// Mean pair force of a typed interaction W (mean-field Langevin), exact over all pairs:
//
//   forces[i, 0..2] = (1/(n−1)) Σ_{j≠i} ∇W(x_i − x_j),   forces[i, 2] = 1 if a term was bad
//
// ∂W/∂x and ∂W/∂y are generated from the user's formula (expr/wgsl.rs) and spliced in below in
// place of the markers, after the helpers of `WGSL_PRELUDE`. A term is bad when a helper set
// `df_bad` (undefined or infinite operation) or the term is not finite; bad terms are left out of
// the sums and the host redoes the step on the CPU. One invocation per particle i; the j loop is
// tiled through workgroup memory like rbf_pair_sum.wgsl.

struct Params {
    n: u32,
    // 1 / (n − 1), precomputed on the host.
    inv_count: f32,
    pad0: u32,
    pad1: u32,
}

const TILE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2<f32>>; // n
@group(0) @binding(2) var<storage, read_write> forces: array<f32>; // n × 3

var<workgroup> tile: array<vec2<f32>, 64>;

//PRELUDE//

fn w_x(v_x: f32, v_y: f32) -> f32 {
    return //WX//;
}

fn w_y(v_x: f32, v_y: f32) -> f32 {
    return //WY//;
}

// Exponent bits all set: ±∞ or NaN (a bit test, which fast-math cannot fold away).
fn non_finite(v: f32) -> bool {
    return (bitcast<u32>(v) & 0x7f800000u) == 0x7f800000u;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let n = params.n;
    let i = gid.x;
    // Inactive invocations still take part in the tile loads and barriers (uniform control flow).
    let row = min(i, n - 1u);
    let xi = points[row];
    var sx = 0.0;
    var sy = 0.0;
    var bad = false;

    for (var base = 0u; base < n; base += TILE) {
        let j_load = base + lid.x;
        if (j_load < n) {
            tile[lid.x] = points[j_load];
        }
        workgroupBarrier();

        let count = min(TILE, n - base);
        for (var t = 0u; t < count; t++) {
            if (base + t != row) {
                let d = xi - tile[t];
                df_bad = false;
                let gx = w_x(d.x, d.y);
                let gy = w_y(d.x, d.y);
                if (df_bad || non_finite(gx) || non_finite(gy)) {
                    bad = true;
                } else {
                    sx += gx;
                    sy += gy;
                }
            }
        }
        workgroupBarrier();
    }

    if (i < n) {
        forces[i * 3u] = sx * params.inv_count;
        forces[i * 3u + 1u] = sy * params.inv_count;
        forces[i * 3u + 2u] = select(0.0, 1.0, bad);
    }
}
