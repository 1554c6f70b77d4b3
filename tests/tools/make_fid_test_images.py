#!/usr/bin/env python3
"""Seeded test images for the image-folder FID tests: noise plus random shapes, two distributions.

    make_fid_test_images.py --out DIR [--count 30] [--size 48] [--seed 1] [--variant a|b]
        [--nested] [--mixed-modes]

Variant a: mid-grey background with strong per-pixel noise and 3-6 rectangles / ellipses in saturated
colours. Variant b: a darker, bluish background, weak noise and 1-3 larger pale shapes, so that the
two folders' feature statistics differ clearly. Each image also gets its own background jitter,
colour gradient and noise level (more independent factors of variation: better-conditioned feature
covariances; at --dims 64, 80 images give full-rank covariances). Files are img_0000.png, img_0001.png ...;
--nested puts every third one in sub/ (exercises the recursive, path-sorted listing), --mixed-modes
saves every fourth image as greyscale ("L") and every fifth as RGBA (exercises convert('RGB')).
Everything is PNG (lossless), so any correct decoder reads the same pixels.
"""
import argparse
import os

import numpy as np
from PIL import Image, ImageDraw

VARIANTS = {
    # background RGB, noise std (0-255 units), shape count range, shape size range (fraction of size)
    "a": dict(background=(128, 128, 128), noise=40.0, shapes=(3, 6), extent=(0.15, 0.45), pale=False),
    "b": dict(background=(40, 50, 90), noise=8.0, shapes=(1, 3), extent=(0.35, 0.8), pale=True),
}


def make_image(rng, size, variant):
    spec = VARIANTS[variant]
    # Per-image background colour, gradient and noise level: more independent factors of variation
    # give better-conditioned feature covariances.
    background = np.array(spec["background"], dtype=np.float64) + rng.uniform(-25, 25, size=3)
    ramp = np.linspace(-1, 1, size)
    gradient = rng.uniform(-30, 30, size=(2, 3))
    pixels = (background + ramp[:, None, None] * gradient[0] + ramp[None, :, None] * gradient[1]
              + spec["noise"] * rng.uniform(0.5, 1.5) * rng.standard_normal((size, size, 3)))
    image = Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(rng.integers(spec["shapes"][0], spec["shapes"][1] + 1)):
        extent = rng.uniform(*spec["extent"], size=2) * size
        x0, y0 = rng.uniform(0, size - extent[0]), rng.uniform(0, size - extent[1])
        box = [float(x0), float(y0), float(x0 + extent[0]), float(y0 + extent[1])]
        low = 150 if spec["pale"] else 0
        colour = tuple(int(c) for c in rng.integers(low, 256, size=3))
        if rng.random() < 0.5:
            draw.rectangle(box, fill=colour)
        else:
            draw.ellipse(box, fill=colour)
    return image


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--size", type=int, default=48)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="a")
    parser.add_argument("--nested", action="store_true", help="every third image in sub/")
    parser.add_argument("--mixed-modes", action="store_true", help="some greyscale and RGBA PNGs")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    for i in range(args.count):
        image = make_image(rng, args.size, args.variant)
        if args.mixed_modes and i % 4 == 3:
            image = image.convert("L")
        elif args.mixed_modes and i % 5 == 4:
            image = image.convert("RGBA")
            image.putalpha(Image.fromarray(rng.integers(0, 256, (args.size, args.size), dtype=np.uint8)))
        folder = os.path.join(args.out, "sub") if args.nested and i % 3 == 2 else args.out
        os.makedirs(folder, exist_ok=True)
        image.save(os.path.join(folder, f"img_{i:04d}.png"))
    print(f"wrote {args.count} {args.size}x{args.size} PNGs (variant {args.variant}, seed {args.seed}) to {args.out}")


if __name__ == "__main__":
    main()
