"""PyTorch peers of the random-feature WGAN SGDA step (No et al. 2021, Fig. 4 setting).

Same update as MlGan: eta <- mean Psi(X) - mean Psi(g(Z1)) (ascent step 1 on the l2-regularised loss),
then an SGD step on theta along -grad of -mean f_eta(g(Z2)).
  plain    (default): the straightforward version, whole-batch tensors, autograd for the generator gradient.
  chunked: MlGan's algorithm written in PyTorch (addmm + in-place tanh on 4 MB row blocks, analytic gradient),
           to separate what the algorithm buys from what the framework does.
Prints ms per step (best of 3 timed blocks after a warm-up).
"""
import sys
import time

import torch

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
threads = int(sys.argv[2]) if len(sys.argv) > 2 else torch.get_num_threads()
variant = sys.argv[3] if len(sys.argv) > 3 else "plain"
torch.set_num_threads(threads)
torch.manual_seed(1)
k, n, ng, nd, batch = 2, 2, 5000, 1000, 1000
w_g = 10 * torch.randn(n, ng, k)          # frozen generator features, one block per output coordinate
b_g = 10 * torch.randn(n, ng, 1)
theta = (5e-3 * torch.randn(ng)).requires_grad_(True)
a = torch.randn(nd, n)                    # frozen discriminator features
c = torch.randn(nd)
angles = torch.randint(0, 8, (50_000,)) * (2 * torch.pi / 8)
data = torch.stack([torch.cos(angles), torch.sin(angles)], 1) * 2 ** 0.5 + 0.1 * torch.randn(50_000, 2)


def generate(z):                           # z: [B, k] -> [B, n]
    hidden = torch.tanh(torch.matmul(w_g, z.t()) + b_g)   # [n, ng, B]
    return torch.einsum("i,nib->bn", theta, hidden)


def psi(x):
    return torch.tanh(x @ a.t() + c)


def step(lr=1e-5):
    x = data[torch.randint(0, data.shape[0], (batch,))]
    with torch.no_grad():
        eta = psi(x).mean(0) - psi(generate(torch.randn(batch, k))).mean(0)
    loss_g = -(psi(generate(torch.randn(batch, k))) @ eta).mean()
    theta.grad = None
    loss_g.backward()
    with torch.no_grad():
        theta.sub_(lr * theta.grad)


w_flat = w_g.squeeze(2).reshape(n * ng, k).t().contiguous()   # [k, n*ng]: column j*ng + i is W_i row j
b_flat = b_g.reshape(n * ng)
rows = max(1, (1 << 20) // (n * ng))


def features(z):                           # [r, n, ng], in place on the addmm output
    return torch.addmm(b_flat, z, w_flat).tanh_().view(z.shape[0], n, ng)


def mean_psi_generated(z):
    total = torch.zeros(nd)
    for zc in z.split(rows):
        total += psi(features(zc) @ theta.detach()).sum(0)
    return total / z.shape[0]


def score_gradient(eta, z):                # E[Phi^T v], v = A^T(eta * (1 - psi^2))
    grad = torch.zeros(1, ng)
    for zc in z.split(rows):
        f = features(zc)
        p = psi(f @ theta.detach())
        v = ((1 - p * p) * eta) @ a
        grad.addmm_(v.reshape(1, -1), f.reshape(-1, ng))
    return grad.squeeze(0) / z.shape[0]


def step_chunked(lr=1e-5):
    with torch.no_grad():
        x = data[torch.randint(0, data.shape[0], (batch,))]
        eta = psi(x).mean(0) - mean_psi_generated(torch.randn(batch, k))
        theta.add_(lr * score_gradient(eta, torch.randn(batch, k)))


if variant == "chunked":
    step = step_chunked
for _ in range(5):
    step()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(steps):
        step()
    best = min(best, (time.perf_counter() - start) / steps)
print(f"pytorch-{variant} threads={threads} ms_per_step={best * 1000:.2f}")
