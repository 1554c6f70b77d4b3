"""PyTorch peer of MlGan's DCGAN training step (28x28, k=64, batch 64), written to the same architecture and update.

G: Linear(100, 4k*7*7) -> BN -> ReLU -> ConvT(4k,2k,4,s2,p1) -> BN -> ReLU -> ConvT(2k,k,4,s2,p1) -> BN -> ReLU
   -> Conv(k,1,3,s1,p1) -> tanh.
D: Conv(1,k,4,s2,p1) -> LReLU(0.2) -> Conv(k,2k,4,s2,p1) -> LReLU -> Conv(2k,4k,3,s2,p1) -> LReLU -> Linear(4k*4*4, 1).
wgan-gp: n_critic = 5 critic steps (D loss mean f(fake) - mean f(real) + 10 * GP at eps*x + (1-eps)*y), then one
         G step (-mean f(G(z))); Adam(1e-4, 0.5, 0.999).
js:      one critic step (0.5*(softplus(-f(x)).mean() + softplus(f(y)).mean())), then one non-saturating G step
         (softplus(-f(G(z))).mean()); Adam(2e-4, 0.5, 0.999).
Like MlGan's stepper, every step reads the losses as Python floats and the gradient norms of the updated network.
Usage: dcgan_torch.py STEPS THREADS [FAMILY...]; prints "pytorch family=... ms_per_step=..." (median).
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
threads = int(sys.argv[2]) if len(sys.argv) > 2 else torch.get_num_threads()
families = sys.argv[3:] or ["wgan-gp", "js"]
torch.set_num_threads(threads)
K, B, Z, POOL = 64, 64, 100, 1024


class G(nn.Module):
    def __init__(self):
        super().__init__()
        self.project = nn.Linear(Z, 4 * K * 7 * 7)
        self.bn0, self.bn1, self.bn2 = nn.BatchNorm2d(4 * K), nn.BatchNorm2d(2 * K), nn.BatchNorm2d(K)
        self.up1 = nn.ConvTranspose2d(4 * K, 2 * K, 4, 2, 1)
        self.up2 = nn.ConvTranspose2d(2 * K, K, 4, 2, 1)
        self.out = nn.Conv2d(K, 1, 3, 1, 1)

    def forward(self, z):
        h = F.relu(self.bn0(self.project(z).view(-1, 4 * K, 7, 7)))
        h = F.relu(self.bn1(self.up1(h)))
        h = F.relu(self.bn2(self.up2(h)))
        return torch.tanh(self.out(h))


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, K, 4, 2, 1)
        self.c2 = nn.Conv2d(K, 2 * K, 4, 2, 1)
        self.c3 = nn.Conv2d(2 * K, 4 * K, 3, 2, 1)
        self.head = nn.Linear(4 * K * 4 * 4, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.c2(h), 0.2)
        h = F.leaky_relu(self.c3(h), 0.2)
        return self.head(h.reshape(h.shape[0], -1)).reshape(-1)


def grad_norm(params):
    return sum(float(p.grad.square().sum()) for p in params if p.grad is not None) ** 0.5


def gradient_penalty(d, real, fake, lam):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    mixed = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(True)
    grad, = torch.autograd.grad(d(mixed).sum(), mixed, create_graph=True)
    return lam * (grad.reshape(grad.shape[0], -1).norm(2, dim=1) - 1).square().mean()


def run(family):
    torch.manual_seed(1)
    images = torch.rand(POOL, 1, 28, 28) * 2 - 1
    g, d = G(), D()
    lr, n_critic = (1e-4, 5) if family == "wgan-gp" else (2e-4, 1)
    opt_g = torch.optim.Adam(g.parameters(), lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr, betas=(0.5, 0.999))
    state = {"next": 0}

    def real_batch():
        start = state["next"] % (POOL // B) * B
        state["next"] += 1
        return images[start:start + B]

    def step():
        g.train()
        d.train()
        for _ in range(n_critic):
            real = real_batch()
            with torch.no_grad():
                fake = g(torch.randn(B, Z))
            fr, ff = d(real), d(fake)
            if family == "wgan-gp":
                dl = ff.mean() - fr.mean()
                gp = gradient_penalty(d, real, fake, 10.0)
                total = dl + gp
            else:
                dl = 0.5 * (F.softplus(-fr).mean() + F.softplus(ff).mean())
                gp = torch.zeros(())
                total = dl
            opt_d.zero_grad()
            total.backward()
            grad_norm(d.parameters())
            opt_d.step()
            float(dl), float(gp)
        ff = d(g(torch.randn(B, Z)))
        gl = -ff.mean() if family == "wgan-gp" else F.softplus(-ff).mean()
        opt_g.zero_grad()
        gl.backward()
        grad_norm(g.parameters())
        opt_g.step()
        float(gl)

    for _ in range(2):  # warm-up
        step()
    times = []
    for _ in range(steps):
        t = time.perf_counter()
        step()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"pytorch family={family} threads={threads} steps={steps} min_ms={times[0]:.1f} ms_per_step={times[len(times) // 2]:.1f}")


for f in families:
    run(f)
