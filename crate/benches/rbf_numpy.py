"""The same RBF pair sums with gradients in NumPy, vectorized the way svgd.py-style code does it
(pairwise differences by broadcasting, float64, np.exp). The peer for `make bench`.
Prints one JSON object per line."""
import json
import os
import sys
import time

import numpy as np


def rbf_pair_sum(x, h):
    diff = x[:, None, :] - x[None, :, :]  # (n, n, d): x_i - x_j
    k = np.exp(-np.sum(diff * diff, axis=-1) / (2.0 * h))
    sums = k.sum(axis=1)
    grads = np.einsum("ij,ijd->id", k, diff) / h
    return sums, grads


def time_ms(f):
    f()
    times, start = [], time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < 0.5 and len(times) < 200):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "256,1024,4096,16384").split(",")]
    rng = np.random.default_rng(1)
    for n in sizes:
        x = rng.standard_normal((n, 2))
        if n > 8192:
            # (n, n, 2) float64 temporaries need 4 GiB at n = 16384: blocks of rows keep memory flat.
            def run():
                for start in range(0, n, 2048):
                    diff = x[start:start + 2048, None, :] - x[None, :, :]
                    k = np.exp(-np.sum(diff * diff, axis=-1) / 1.0)
                    k.sum(axis=1)
                    np.einsum("ij,ijd->id", k, diff)
            ms = time_ms(run)
        else:
            ms = time_ms(lambda: rbf_pair_sum(x, 0.5))
        print(json.dumps({"impl": "numpy", "version": np.__version__, "n": n, "ms": round(ms, 4)}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
