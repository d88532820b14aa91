// Pairwise RBF kernel sums and their gradients, the O(N²) building block of SVGD and MMD.
//
//   sums[i]      = Σ_j k(x_i, x_j)
//   grads[i, :]  = Σ_j ∇_{x_j} k(x_j, x_i) = Σ_j (x_i − x_j) k(x_i, x_j) / h
//   k(x, y)      = exp(−‖x − y‖² / (2h))
//
// One invocation per particle i; the j loop is tiled through workgroup memory so each point is
// read from global memory once per workgroup instead of once per invocation.

struct Params {
    n: u32,
    dim: u32,
    // 1 / (2h) and 1 / h, precomputed on the host.
    inv_two_h: f32,
    inv_h: f32,
}

const TILE: u32 = 64u;
const MAX_DIM: u32 = 8u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<f32>;        // n × dim, row-major
@group(0) @binding(2) var<storage, read_write> sums: array<f32>;    // n
@group(0) @binding(3) var<storage, read_write> grads: array<f32>;   // n × dim

var<workgroup> tile: array<f32, 512>; // TILE × MAX_DIM

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let n = params.n;
    let dim = params.dim;
    let i = gid.x;
    let in_range = i < n;
    // Inactive invocations still take part in the tile loads and barriers (uniform control flow).
    let row = min(i, n - 1u);

    var xi: array<f32, 8>;
    for (var k = 0u; k < dim; k++) {
        xi[k] = points[row * dim + k];
    }

    var sum = 0.0;
    var grad: array<f32, 8>;
    for (var k = 0u; k < MAX_DIM; k++) {
        grad[k] = 0.0;
    }

    for (var base = 0u; base < n; base += TILE) {
        let j_load = base + lid.x;
        if (j_load < n) {
            for (var k = 0u; k < dim; k++) {
                tile[lid.x * MAX_DIM + k] = points[j_load * dim + k];
            }
        }
        workgroupBarrier();

        let count = min(TILE, n - base);
        for (var t = 0u; t < count; t++) {
            var r2 = 0.0;
            var diff: array<f32, 8>;
            for (var k = 0u; k < dim; k++) {
                diff[k] = xi[k] - tile[t * MAX_DIM + k];
                r2 += diff[k] * diff[k];
            }
            let kv = exp(-r2 * params.inv_two_h);
            sum += kv;
            for (var k = 0u; k < dim; k++) {
                grad[k] += diff[k] * kv;
            }
        }
        workgroupBarrier();
    }

    if (in_range) {
        sums[i] = sum;
        for (var k = 0u; k < dim; k++) {
            grads[i * dim + k] = grad[k] * params.inv_h;
        }
    }
}
