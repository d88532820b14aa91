"""The SVGD step of the `particles` lab in NumPy, the peer for `make bench`: the same update on the
same target (the SVGD reference Gaussian), written the way the usual svgd.py is (scipy's pdist and
squareform for the distances, one dense kernel matrix, matrix products for the driving and the
repulsive terms, float64).

  numpy          the lab's update: median heuristic h = med²/(2 log(n+1)) over the pairs of 256
                 evenly strided particles, refreshed every 10 steps (the ratios are against this)
  numpy-classic  svgd.py as published: the median of all n² distances every step

For n > 8192 the n × n matrices (2 GiB each in float64) are processed in blocks of 2048 rows so
the run fits in memory; the arithmetic is the same. Prints one JSON object per line.
"""
import json
import os
import sys
import time

import numpy as np
from scipy.spatial.distance import pdist, squareform

MU = np.array([-0.6871, 0.8010])
A = np.array([[0.2260, 0.1652], [0.1652, 0.6779]])
BLOCK = 2048


def score(x):
    return -(x - MU) @ A


def median_amortized(x, state, step):
    n = x.shape[0]
    if state.get("h") is None or step - state["at"] >= 10:
        m = min(n, 256)
        sub = x[(np.arange(m) * n) // m]
        d2 = pdist(sub, "sqeuclidean")
        state["h"] = np.partition(d2, len(d2) // 2)[len(d2) // 2] / (2.0 * np.log(n + 1))
        state["at"] = step
    return state["h"]


def median_classic(x):
    # svgd.py: h = median(squareform(pdist)²); bandwidth² = 0.5 h / log(n + 1)
    d2 = squareform(pdist(x)) ** 2
    return 0.5 * np.median(d2) / np.log(x.shape[0] + 1)


def phi(x, h):
    n = x.shape[0]
    s = score(x)
    if n <= 8192:
        k = np.exp(-squareform(pdist(x)) ** 2 / (2.0 * h))
        sumk = k.sum(axis=1)
        dxk = (x * sumk[:, None] - k @ x) / h
        return (k @ s + dxk) / n
    out = np.empty_like(x)
    for start in range(0, n, BLOCK):
        rows = x[start:start + BLOCK]
        d2 = np.sum(rows * rows, 1)[:, None] + np.sum(x * x, 1)[None, :] - 2.0 * rows @ x.T
        k = np.exp(-np.maximum(d2, 0.0) / (2.0 * h))
        sumk = k.sum(axis=1)
        out[start:start + BLOCK] = (k @ s + (rows * sumk[:, None] - k @ x) / h) / n
    return out


def time_ms(step_fn, budget_s):
    step_fn()
    times, start = [], time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget_s and len(times) < 100):
        t = time.perf_counter()
        step_fn()
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "256,1024,4096,16384").split(",")]
    for n in sizes:
        rng = np.random.default_rng(1)
        for impl in ("numpy", "numpy-classic"):
            x = rng.standard_normal((n, 2))
            state, counter = {}, [0]

            def step():
                h = median_amortized(x, state, counter[0]) if impl == "numpy" else median_classic(x)
                x[:] = x + 0.05 * phi(x, h)
                counter[0] += 1

            if impl == "numpy-classic" and n > 8192:
                continue  # the full median needs the n² distances at once: 6 GiB at n = 16384
            ms = time_ms(step, 1.0)
            print(json.dumps({"impl": impl, "version": np.__version__, "n": n, "ms": round(ms, 4)}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
