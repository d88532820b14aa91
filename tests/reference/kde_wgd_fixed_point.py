"""Independent NumPy run of kde-WGD on the SVGD reference Gaussian (science.md §4), for the
numbers quoted in crate/tests/particles_flows.rs. Not part of `make test` (it needs NumPy):
    target/bench-venv/bin/python tests/reference/kde_wgd_fixed_point.py

phi_i = grad log p(x_i) - sum_j grad_{x_i} k_ij / sum_j k_ij, k = exp(-|x - y|^2 / (2h)),
plain steps of 0.1 from standard normal particles. At the fixed point the particles' KDE matches
p, so their covariance is close to Sigma - hI, not Sigma.
"""
import numpy as np

MU = np.array([-0.6871, 0.8010])
A = np.array([[0.2260, 0.1652], [0.1652, 0.6779]])
SIGMA = np.linalg.inv(A)


def kde_wgd(n, h, steps=3000, eps=0.1, seed=1):
    x = np.random.default_rng(seed).normal(size=(n, 2))
    for _ in range(steps):
        d = x[:, None, :] - x[None, :, :]
        d2 = (d**2).sum(-1)
        bw = np.median(d2[np.triu_indices(n, 1)]) / (2 * np.log(n + 1)) if h is None else h
        k = np.exp(-d2 / (2 * bw))
        grad_k = -(k[:, :, None] * d).sum(1) / bw
        x = x + eps * (-(x - MU) @ A - grad_k / k.sum(1)[:, None])
    return x, bw


def rel(c, want):
    return np.linalg.norm(c - want) / np.linalg.norm(SIGMA)


for n, h in [(100, None), (100, 1.0), (400, 0.25)]:
    x, bw = kde_wgd(n, h)
    c = np.cov(x.T)
    print(f"n={n} h={'median' if h is None else h} (h={bw:.3f}): mean error "
          f"{np.linalg.norm(x.mean(0) - MU):.4f}, cov error vs Sigma {rel(c, SIGMA):.4f}, "
          f"vs Sigma - hI {rel(c, SIGMA - bw * np.eye(2)):.4f}")
