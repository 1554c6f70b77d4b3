#!/usr/bin/env python3
"""Writes the image-folder FID extraction benchmark's input: seeded RGB PNGs of noise and shapes.

    make_images.py --out DIR [--count 1000] [--size 32] [--seed 1]

Each image: a random background colour, per-pixel Gaussian noise (std 20) and 1-4 filled rectangles
or ellipses in random colours; files 00000.png, 00001.png ... Both sides of the benchmark (MlGan and
peer_pytorch_fid.py) read the same folder.
"""
import argparse
import os

import numpy as np
from PIL import Image, ImageDraw


def make_image(rng, size):
    background = rng.integers(0, 256, size=3).astype(np.float64)
    pixels = background + 20.0 * rng.standard_normal((size, size, 3))
    image = Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(rng.integers(1, 5)):
        xs, ys = np.sort(rng.uniform(0, size, size=2)), np.sort(rng.uniform(0, size, size=2))
        colour = tuple(int(c) for c in rng.integers(0, 256, size=3))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape([float(xs[0]), float(ys[0]), float(xs[1]), float(ys[1])], fill=colour)
    return image


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    width = max(5, len(str(args.count - 1)))
    for i in range(args.count):
        make_image(rng, args.size).save(os.path.join(args.out, f"{i:0{width}d}.png"))
    print(f"wrote {args.count} {args.size}x{args.size} PNGs (seed {args.seed}) to {args.out}")


if __name__ == "__main__":
    main()
