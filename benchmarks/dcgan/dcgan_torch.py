"""PyTorch peer of MlGan's DCGAN training step (28x28, k=64, batch 64), written to the same architecture and update.

G: Linear(100, 4k*7*7) -> BN -> ReLU -> ConvT(4k,2k,4,s2,p1) -> BN -> ReLU -> ConvT(2k,k,4,s2,p1) -> BN -> ReLU
   -> Conv(k,1,3,s1,p1) -> tanh.
D: Conv(1,k,4,s2,p1) -> LReLU(0.2) -> Conv(k,2k,4,s2,p1) -> LReLU -> Conv(2k,4k,3,s2,p1) -> LReLU -> Linear(4k*4*4, 1).
wgan-gp: n_critic = 5 critic steps (D loss mean f(fake) - mean f(real) + 10 * GP at eps*x + (1-eps)*y), then one
         G step (-mean f(G(z))); Adam(1e-4, 0.5, 0.999).
js:      one critic step (0.5*(softplus(-f(x)).mean() + softplus(f(y)).mean())), then one non-saturating G step
         (softplus(-f(G(z))).mean()); Adam(2e-4, 0.5, 0.999).
sample:  the step of samples/FashionMnistGan: k = 32, G(cat(z, Embedding(10, 32)(y))), D with spectral norm on every
         layer plus a projection term <V[y], features> (bias-free SN linear), hinge loss, DiffAugment translation
         (1/8 of the size, zero padding) on real and fake critic inputs, one critic step, then one G step on the same
         labels, then an EMA (0.999) of G's parameters; Adam(2e-4 G, 4e-4 D, 0.5, 0.999).
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
    def __init__(self, k=K, z=Z):
        super().__init__()
        self.k = k
        self.project = nn.Linear(z, 4 * k * 7 * 7)
        self.bn0, self.bn1, self.bn2 = nn.BatchNorm2d(4 * k), nn.BatchNorm2d(2 * k), nn.BatchNorm2d(k)
        self.up1 = nn.ConvTranspose2d(4 * k, 2 * k, 4, 2, 1)
        self.up2 = nn.ConvTranspose2d(2 * k, k, 4, 2, 1)
        self.out = nn.Conv2d(k, 1, 3, 1, 1)

    def forward(self, z):
        h = F.relu(self.bn0(self.project(z).view(-1, 4 * self.k, 7, 7)))
        h = F.relu(self.bn1(self.up1(h)))
        h = F.relu(self.bn2(self.up2(h)))
        return torch.tanh(self.out(h))


class D(nn.Module):
    def __init__(self, k=K, sn=False):
        super().__init__()
        norm = nn.utils.spectral_norm if sn else (lambda m: m)
        self.c1 = norm(nn.Conv2d(1, k, 4, 2, 1))
        self.c2 = norm(nn.Conv2d(k, 2 * k, 4, 2, 1))
        self.c3 = norm(nn.Conv2d(2 * k, 4 * k, 3, 2, 1))
        self.head = norm(nn.Linear(4 * k * 4 * 4, 1))

    def features(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.c2(h), 0.2)
        h = F.leaky_relu(self.c3(h), 0.2)
        return h.reshape(h.shape[0], -1)

    def forward(self, x):
        return self.head(self.features(x)).reshape(-1)


class ConditionalG(nn.Module):
    def __init__(self, k, z, classes, embedding):
        super().__init__()
        self.embed = nn.Embedding(classes, embedding)
        self.inner = G(k, z + embedding)

    def forward(self, z, y):
        return self.inner(torch.cat([z, self.embed(y)], 1))


class ProjectionD(nn.Module):
    def __init__(self, k, classes):
        super().__init__()
        self.inner = D(k, sn=True)
        self.project = nn.utils.spectral_norm(nn.Linear(4 * k * 4 * 4, classes, bias=False))

    def forward(self, x, y):
        phi = self.inner.features(x)
        return self.inner.head(phi).reshape(-1) + self.project(phi).gather(1, y.unsqueeze(1)).squeeze(1)


def translate(x, ratio=0.125):
    """DiffAugment translation: shift each image by up to ratio * size pixels, zeros where it moved in."""
    n, c, h, w = x.shape
    sy, sx = int(h * ratio + 0.5), int(w * ratio + 0.5)
    dy = torch.randint(-sy, sy + 1, (n, 1, 1))
    dx = torch.randint(-sx, sx + 1, (n, 1, 1))
    rows = (torch.arange(h).view(1, h, 1) - dy + 1).clamp(0, h + 1)
    cols = (torch.arange(w).view(1, 1, w) - dx + 1).clamp(0, w + 1)
    padded = F.pad(x, [1, 1, 1, 1])
    rows = rows.view(n, 1, h, 1).expand(n, c, h, w + 2)
    cols = cols.view(n, 1, 1, w).expand(n, c, h, w)
    return padded.gather(2, rows).gather(3, cols)


def sample_step(images, classes):
    k, z_dim = 32, 100
    g, d = ConditionalG(k, z_dim, 10, 32), ProjectionD(k, 10)
    opt_g = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), 4e-4, betas=(0.5, 0.999))
    ema = {n: p.detach().clone() for n, p in g.named_parameters()}
    state = {"next": 0}

    def step():
        g.train()
        d.train()
        start = state["next"] % (POOL // B) * B
        state["next"] += 1
        x, y = images[start:start + B], classes[start:start + B]
        with torch.no_grad():
            fake = g(torch.randn(B, z_dim), y)
        dl = F.relu(1 - d(translate(x), y)).mean() + F.relu(1 + d(translate(fake), y)).mean()
        opt_d.zero_grad()
        dl.backward()
        grad_norm(d.parameters())
        opt_d.step()
        float(dl)
        gl = -d(translate(g(torch.randn(B, z_dim), y)), y).mean()
        opt_g.zero_grad()
        gl.backward()
        grad_norm(g.parameters())
        opt_g.step()
        float(gl)
        with torch.no_grad():
            for n, p in g.named_parameters():
                ema[n].mul_(0.999).add_(p, alpha=0.001)
    return step


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
    if family == "sample":
        measure(family, sample_step(images, torch.arange(POOL) % 10))
        return
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

    measure(family, step)


def measure(family, step):
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
