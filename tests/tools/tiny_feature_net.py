#!/usr/bin/python3
"""A tiny seeded conv feature net exported to ONNX, for fast tests of MlGan's image scoring.

input `image` [N, C, H, W] (H, W symbolic) -> `features` [N, F] (conv, ReLU, global average pool)
and `logits` [N, 10]. `--rank2-input` exports a net whose input is [N, D] instead (a bad feature net).
"""
import argparse

import torch


class TinyFeatures(torch.nn.Module):
    def __init__(self, channels: int, features: int):
        super().__init__()
        self.conv = torch.nn.Conv2d(channels, features, kernel_size=3, stride=2, padding=1)
        self.head = torch.nn.Linear(features, 10)

    def forward(self, image):
        f = torch.relu(self.conv(image)).mean(dim=(2, 3))
        return f, self.head(f)


class Flat(torch.nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.lin = torch.nn.Linear(d, 4)

    def forward(self, x):
        return self.lin(x)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--features", type=int, default=8)
    p.add_argument("--rank2-input", action="store_true")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    if a.rank2_input:
        torch.onnx.export(Flat(12), torch.zeros(2, 12), a.out, input_names=["image"], output_names=["features"],
                          dynamic_axes={"image": {0: "n"}, "features": {0: "n"}}, opset_version=13)
        return
    net = TinyFeatures(a.channels, a.features).eval()
    torch.onnx.export(net, torch.zeros(2, a.channels, 16, 16), a.out, input_names=["image"], output_names=["features", "logits"],
                      dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "features": {0: "n"}, "logits": {0: "n"}}, opset_version=13)


if __name__ == "__main__":
    main()
