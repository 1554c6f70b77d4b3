"""Writes the FID benchmark's two feature sets (seeded) as float32 .npy files both sides read.

Inception-pool3-like features: non-negative (ReLU of correlated Gaussians), 2048-dimensional, with
full-rank, non-commuting covariances; the second set has a different mixing matrix and offset.
Usage: gen_data.py OUT_DIR [N] [D]
"""
import os
import sys

import numpy as np


def features(rng, n, d, mix, offset):
    z = rng.standard_normal((n, d), dtype=np.float32)
    return np.maximum(z @ mix + offset, 0.0).astype(np.float32)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    d = int(sys.argv[3]) if len(sys.argv) > 3 else 2048
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20240601)
    base = rng.standard_normal((d, d), dtype=np.float32) / np.sqrt(d)
    mix1 = base + np.eye(d, dtype=np.float32)
    mix2 = base + 0.3 * rng.standard_normal((d, d), dtype=np.float32) / np.sqrt(d) + np.eye(d, dtype=np.float32)
    np.save(os.path.join(out, "features1.npy"), features(rng, n, d, mix1, 0.5))
    np.save(os.path.join(out, "features2.npy"), features(rng, n, d, mix2, 0.6))
    print(f"wrote {out}/features1.npy and features2.npy: {n} x {d} float32")


if __name__ == "__main__":
    main()
