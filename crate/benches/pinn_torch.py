"""The PyTorch peer of `make bench` for the pinn lab (the framework of the paper's code): the same FTE
training step as crate/benches/pinn_train.rs and pinn_peer.py (D = 10, "linear" a', network
11 -> 64 x 3 tanh -> 1 with Glorot init, J = J0(a) + t N(t, a), batch 256 drawn uniformly every step,
mean squared residual, Adam), eager CPU autograd, one thread. The residual's input gradient comes from
torch.autograd.grad(create_graph=True) and the loss is differentiated again (double backward), as the
paper's code does. Prints one JSON object per line."""
import json
import sys
import time

import torch

D, WIDTH, DEPTH, BATCH = 10, 64, 3, 256


def main():
    torch.set_num_threads(1)
    torch.manual_seed(1)
    for dtype, name in [(torch.float64, "f64"), (torch.float32, "f32")]:
        a_prime = torch.zeros(D, dtype=dtype)
        a_prime[1] = 1.0 / 1.5**0.5
        v = torch.cat([torch.ones(1, dtype=dtype), a_prime])
        sizes = [1 + D] + [WIDTH] * DEPTH + [1]
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            lin = torch.nn.Linear(n_in, n_out, dtype=dtype)
            torch.nn.init.xavier_uniform_(lin.weight)
            torch.nn.init.zeros_(lin.bias)
            layers += [lin, torch.nn.Tanh()]
        net = torch.nn.Sequential(*layers[:-1])
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)

        def step():
            t = torch.rand(BATCH, 1, dtype=dtype)
            a = torch.rand(BATCH, D, dtype=dtype) * 2 - 1
            s = torch.cat([t, a], dim=1).requires_grad_(True)
            j = a @ a_prime + s[:, 0] * net(s)[:, 0]
            (grad,) = torch.autograd.grad(j.sum(), s, create_graph=True)
            residual = grad @ v
            loss = (residual * residual).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss.item()

        for _ in range(20):
            value = step()
        best = 0.0
        for _ in range(6):
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < 0.5:
                value = step()
                n += 1
            best = max(best, n / (time.perf_counter() - t0))
        print(json.dumps({
            "kind": "speed", "impl": f"pytorch-double-backward-{name}", "version": torch.__version__,
            "case": "fte-linear D=10, tanh 3x64, B=256, exact J0 + tN", "precision": name,
            "steps_per_s": round(best, 1), "loss": value,
        }))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
