"""PyTorch twins of MlGan's generators and critics, whose state_dicts load into MlGan (`mlgan import-torch`,
MlGan.Trainers.Interop.PyTorchStateDicts.Load) and which load the safetensors MlGan writes.

Copy the class you need into your training code. Two layouts of parameter names are understood:

* "sequential" (DCGAN and MLP): one nn.Sequential named `main` with the layers in forward order, activations
  included. MlGan maps the indices that hold parameters (MlGan.Trainers.Interop.PyTorchParameterMap):
    DcganGenerator      main.0 project, main.2 bn0, main.4 up1, main.5 bn1, main.7 up2, main.8 bn2, main.10 toImage
    MlpGenerator        main.{2i} layers.{i}            (i = 0 .. hidden layers)
    DcganDiscriminator  main.0 conv1, main.2 conv2, main.4 conv3, main.7 head
    MlpDiscriminator    main.{1 + 2i} layers.{i}
* "mlgan": attributes with MlGan's own names (ResNet generator and critic; every file MlGan writes).

Shapes follow MlGan: a DCGAN/ResNet image is C x H x W with H, W multiples of 4; `width` is MlGan's --width.
BatchNorm keeps PyTorch's defaults (eps 1e-5, momentum 0.1), as MlGan's does; generators are used in eval mode.

Command line (the tests use it): build one network with seeded weights (BatchNorm statistics included), save its
state_dict with torch.save, and write latents and eval-mode outputs as raw little-endian float32:
  python3 tools/mlgan_torch_layouts.py --net dcgan --latent 8 --width 4 --shape 1,28,28 --layout sequential \
      --seed 3 --save G.pt --count 5 --inputs z.f32 --outputs x.f32 [--critic]
"""
import argparse

import torch
from torch import nn
import torch.nn.functional as F


class DcganGenerator(nn.Module):
    """z -> Linear -> 4k x H/4 x W/4 -> BN -> ReLU -> ConvT(4k->2k) -> BN -> ReLU -> ConvT(2k->k) -> BN -> ReLU -> Conv(k->C) -> tanh."""

    def __init__(self, latent, width, shape=(1, 28, 28)):
        super().__init__()
        c, h, w = shape
        self.main = nn.Sequential(
            nn.Linear(latent, 4 * width * (h // 4) * (w // 4)),
            nn.Unflatten(1, (4 * width, h // 4, w // 4)),
            nn.BatchNorm2d(4 * width), nn.ReLU(True),
            nn.ConvTranspose2d(4 * width, 2 * width, 4, 2, 1), nn.BatchNorm2d(2 * width), nn.ReLU(True),
            nn.ConvTranspose2d(2 * width, width, 4, 2, 1), nn.BatchNorm2d(width), nn.ReLU(True),
            nn.Conv2d(width, c, 3, 1, 1), nn.Tanh())

    def forward(self, z):
        return self.main(z)


class MlpGenerator(nn.Module):
    """z -> (Linear(width) -> ReLU) x hidden -> Linear(prod(shape)) [-> tanh], reshaped to shape."""

    def __init__(self, latent, width, shape, hidden=2, tanh=True):
        super().__init__()
        self.shape = tuple(shape)
        layers, inputs = [], latent
        for _ in range(hidden):
            layers += [nn.Linear(inputs, width), nn.ReLU(True)]
            inputs = width
        layers.append(nn.Linear(inputs, int(torch.tensor(shape).prod())))
        if tanh:
            layers.append(nn.Tanh())
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(z).reshape(-1, *self.shape)


class ResNetUpBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bn1, self.conv1 = nn.BatchNorm2d(channels), nn.Conv2d(channels, channels, 3, padding=1)
        self.bn2, self.conv2 = nn.BatchNorm2d(channels), nn.Conv2d(channels, channels, 3, padding=1)
        self.shortcut = nn.Conv2d(channels, channels, 1)

    def forward(self, x):
        up = lambda t: F.interpolate(t, scale_factor=2.0, mode="nearest")
        h = self.conv1(up(F.relu(self.bn1(x))))
        h = self.conv2(F.relu(self.bn2(h)))
        return h + self.shortcut(up(x))


class ResNetGenerator(nn.Module):
    """MlGan's names: project, blocks.{0,1}.{bn1,conv1,bn2,conv2,shortcut}, bnOut, toImage."""

    def __init__(self, latent, width, shape=(1, 28, 28)):
        super().__init__()
        c, h, w = shape
        self.width, self.h0, self.w0 = width, h // 4, w // 4
        self.project = nn.Linear(latent, width * self.h0 * self.w0)
        self.blocks = nn.ModuleList([ResNetUpBlock(width), ResNetUpBlock(width)])
        self.bnOut = nn.BatchNorm2d(width)
        self.toImage = nn.Conv2d(width, c, 3, padding=1)

    def forward(self, z):
        h = self.project(z).view(-1, self.width, self.h0, self.w0)
        for block in self.blocks:
            h = block(h)
        return torch.tanh(self.toImage(F.relu(self.bnOut(h))))


class DcganDiscriminator(nn.Module):
    """(Conv stride 2 -> LeakyReLU 0.2) x 3 (k, 2k, 4k filters; kernels 4, 4, 3) -> Flatten -> Linear(1)."""

    def __init__(self, width, shape=(1, 28, 28)):
        super().__init__()
        c, h, w = shape
        out = lambda s, k: (s + 2 - k) // 2 + 1
        hh, ww = out(out(out(h, 4), 4), 3), out(out(out(w, 4), 4), 3)
        self.main = nn.Sequential(
            nn.Conv2d(c, width, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(width, 2 * width, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * width, 4 * width, 3, 2, 1), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(4 * width * hh * ww, 1))

    def forward(self, x):
        return self.main(x).reshape(-1)


class MlpDiscriminator(nn.Module):
    """Flatten -> (Linear(width) -> LeakyReLU 0.2) x hidden -> Linear(1)."""

    def __init__(self, width, shape, hidden=2):
        super().__init__()
        layers, inputs = [nn.Flatten()], int(torch.tensor(shape).prod())
        for _ in range(hidden):
            layers += [nn.Linear(inputs, width), nn.LeakyReLU(0.2)]
            inputs = width
        layers.append(nn.Linear(inputs, 1))
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x).reshape(-1)


def build(net, critic, latent, width, shape, hidden):
    if critic:
        return {"dcgan": lambda: DcganDiscriminator(width, shape), "mlp": lambda: MlpDiscriminator(width, shape, hidden)}[net]()
    return {"dcgan": lambda: DcganGenerator(latent, width, shape), "mlp": lambda: MlpGenerator(latent, width, shape, hidden),
            "resnet": lambda: ResNetGenerator(latent, width, shape)}[net]()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--net", choices=["dcgan", "mlp", "resnet"], required=True)
    p.add_argument("--critic", action="store_true", help="the critic instead of the generator")
    p.add_argument("--latent", type=int, default=8)
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--shape", required=True, help="C,H,W or n")
    p.add_argument("--hidden", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save", required=True, help="state_dict file (torch.save)")
    p.add_argument("--count", type=int, default=4)
    p.add_argument("--inputs", required=True, help="raw float32 inputs written here")
    p.add_argument("--outputs", required=True, help="raw float32 eval-mode outputs written here")
    a = p.parse_args()
    shape = tuple(int(s) for s in a.shape.split(","))
    torch.manual_seed(a.seed)
    model = build(a.net, a.critic, a.latent, a.width, shape, a.hidden)
    with torch.no_grad():  # BatchNorm statistics away from (0, 1), so the test sees eval-mode BN
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    model.eval()
    torch.save(model.state_dict(), a.save)
    x = torch.randn(a.count, *shape) if a.critic else torch.randn(a.count, a.latent)
    with torch.no_grad():
        y = model(x)
    x.numpy().astype("<f4").tofile(a.inputs)
    y.numpy().astype("<f4").tofile(a.outputs)


if __name__ == "__main__":
    main()
