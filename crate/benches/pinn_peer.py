"""The peer of `make bench` for the pinn lab: the same FTE training step as crates/benches/pinn_train.rs
(D = 10, "linear" a', network 11 -> 64 x 3 tanh -> 1 with Glorot init, J = J0(a) + t N(t, a),
batch 256 drawn uniformly every step, mean squared residual, Adam) in JAX with jit: the whole step
(sampling, loss, gradient, Adam) is one compiled XLA function.

Two ways to get the residual dJ/dt + a' . grad_a J:
  "grad": the full input gradient by reverse mode, then its parameter gradient by reverse mode
          again (double backward, as the paper's PyTorch code does with create_graph=True);
  "jvp":  one forward-mode directional derivative along v = (1, a') (the algorithm of the Rust core).
PyTorch's CPU wheel index is not reachable from this machine (and PyPI's torch pulls CUDA wheels),
so JAX (CPU) is the peer. Prints one JSON object per line."""
import json
import os
import sys
import time

import jax
import jax.numpy as jnp

D, WIDTH, DEPTH, BATCH = 10, 64, 3, 256
A_PRIME = jnp.zeros(D).at[1].set(1.0 / 1.5**0.5)


def init(key, dtype):
    sizes = [1 + D] + [WIDTH] * DEPTH + [1]
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        a = (6.0 / (n_in + n_out)) ** 0.5
        params.append((jax.random.uniform(sub, (n_out, n_in), dtype, -a, a), jnp.zeros(n_out, dtype)))
    return params


def net(params, s):
    h = s
    for w, b in params[:-1]:
        h = jnp.tanh(w @ h + b)
    w, b = params[-1]
    return (w @ h + b)[0]


def solution(params, s):
    # J = J0(a) + t N(t, a), J0 = a' . a
    return A_PRIME @ s[1:] + s[0] * net(params, s)


def make_step(mode, dtype, lr=1e-3):
    v = jnp.concatenate([jnp.ones(1), A_PRIME]).astype(dtype)

    def residual(params, s):
        if mode == "grad":
            return jax.grad(solution, argnums=1)(params, s) @ v
        return jax.jvp(lambda x: solution(params, x), (s,), (v,))[1]

    def loss(params, x):
        r = jax.vmap(residual, in_axes=(None, 0))(params, x)
        return jnp.mean(r * r)

    @jax.jit
    def step(params, m, s2, t, key):
        key, k1, k2 = jax.random.split(key, 3)
        x = jnp.concatenate(
            [jax.random.uniform(k1, (BATCH, 1), dtype), jax.random.uniform(k2, (BATCH, D), dtype, -1.0, 1.0)], axis=1
        )
        value, g = jax.value_and_grad(loss)(params, x)
        t = t + 1
        m = jax.tree.map(lambda m, g: 0.9 * m + 0.1 * g, m, g)
        s2 = jax.tree.map(lambda s, g: 0.999 * s + 0.001 * g * g, s2, g)
        bc1, bc2 = 1 - 0.9**t, 1 - 0.999**t
        params = jax.tree.map(lambda p, m, s: p - lr * (m / bc1) / (jnp.sqrt(s / bc2) + 1e-8), params, m, s2)
        return params, m, s2, t, key, value

    return step


def bench(mode, dtype):
    key = jax.random.PRNGKey(1)
    params = init(key, dtype)
    zeros = jax.tree.map(jnp.zeros_like, params)
    state = (params, zeros, zeros, jnp.asarray(0.0, dtype), key)
    step = make_step(mode, dtype)
    for _ in range(20):
        *state, value = step(*state)
    jax.block_until_ready(value)
    best = 0.0
    for _ in range(6):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.5:
            *state, value = step(*state)
            n += 1
        jax.block_until_ready(value)
        best = max(best, n / (time.perf_counter() - t0))
    return best, float(value)


def main():
    x64 = os.environ.get("PEER_F32") != "1"
    jax.config.update("jax_enable_x64", True)
    for mode in ["grad", "jvp"]:
        for dtype in [jnp.float64, jnp.float32] if x64 else [jnp.float32]:
            rate, value = bench(mode, dtype)
            name = "f64" if dtype == jnp.float64 else "f32"
            print(json.dumps({
                "kind": "speed", "impl": f"jax-jit-{mode}-{name}", "version": jax.__version__,
                "case": "fte-linear D=10, tanh 3x64, B=256, exact J0 + tN", "precision": name,
                "steps_per_s": round(rate, 1), "loss": value,
            }))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
