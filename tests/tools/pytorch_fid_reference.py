#!/usr/bin/env python3
"""pytorch-fid's FID pipeline in PyTorch, the reference MlGan's image-folder FID is tested against.

    pytorch_fid_reference.py --real DIR_A --fake DIR_B (--random-seed S | --weights W) [--dims 2048]
        [--batch-size 50] [--save-stats OUT.npz] [--save-fake-stats OUT.npz] [--json OUT.json]
        [--features-out F.npy] [--logits-out L.npy] [--threads T]

Each side is an image folder or a pytorch-fid statistics file (.npz with mu and sigma). A folder is
read as pytorch-fid reads one, with the file listing MlGan specifies:

1. files: every *.png, *.jpg, *.jpeg, *.bmp, *.webp (extension case-insensitive) under DIR, recursively
   (directory symlinks not followed), sorted ordinally by path relative to DIR with '/' separators;
2. decode: PIL ``Image.open(p).convert('RGB')``, then x = uint8 / 255 as float32, CHW (torchvision's
   ``ToTensor``);
3. ``F.interpolate(x, size=(299, 299), mode='bilinear', align_corners=False)`` (no antialias), then
   ``2 * x - 1`` (pytorch-fid's ``resize_input`` / ``normalize_input``), image by image so that folders
   of mixed sizes work (the same values as pytorch-fid's batched call);
4. features: FID-Inception (tools/fid_inception.py) in float32 under ``torch.no_grad()``, the --dims
   block spatially averaged, collected in a float64 array (as pytorch-fid's ``get_activations``);
5. mu = np.mean(axis=0), sigma = np.cov(rowvar=False), both float64;
6. FID = |mu1 - mu2|^2 + Tr(sigma1) + Tr(sigma2) - 2 Tr(sqrtm(sigma1 sigma2)) with scipy.linalg.sqrtm,
   retried with 1e-6 I added to both covariances when that root is not finite, and a negligible
   imaginary part (diagonal within 1e-3 of 0) dropped -- pytorch-fid's calculate_frechet_distance.

Prints ``FID: <value> ...`` and, with --json, writes {"fid", "n_real", "n_fake", "dims", "weights",
"offset_added"} (n is null for a .npz side). --save-stats / --save-fake-stats write the real / fake
side's statistics as pytorch-fid's --save-stats does (np.savez_compressed, float64 mu [d] and sigma
[d, d]). --features-out / --logits-out save the real side's raw features [n, dims] / logits [n, 1008]
as float32 .npy (exactly the network's float32 outputs).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from scipy import linalg

_REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(_REPOSITORY, "tools"))
import fid_inception  # noqa: E402  (tools/fid_inception.py)

IMAGE_EXTENSIONS = (".bmp", ".jpeg", ".jpg", ".png", ".webp")


def list_images(root):
    """Image files under ``root`` (recursive), sorted ordinally by '/'-separated relative path."""
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: not a directory (expected an image folder or a .npz statistics file)")
    relative = []
    for folder, _, names in os.walk(root):
        for name in names:
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                path = os.path.relpath(os.path.join(folder, name), root)
                relative.append(path.replace(os.sep, "/"))
    if not relative:
        raise SystemExit(f"{root}: no image files ({', '.join(IMAGE_EXTENSIONS)}) found")
    return [os.path.join(root, p) for p in sorted(relative)]


def load_image(path):
    """[3, H, W] float32 in [0, 1]: PIL decode, convert('RGB'), uint8 / 255 (torchvision's ToTensor)."""
    with Image.open(path) as image:
        rgb = np.asarray(image.convert("RGB"))
    # Contiguous CHW as ToTensor makes it: a permuted HWC view is channels-last, and channels-last
    # convolutions round differently (about 1e-7).
    return torch.from_numpy(rgb.copy()).permute(2, 0, 1).contiguous().float().div(255)


def preprocess(image):
    """[3, H, W] in [0, 1] -> [3, 299, 299] in [-1, 1]: bilinear resize (align_corners=False), 2x - 1."""
    size = (fid_inception.INPUT_SIZE, fid_inception.INPUT_SIZE)
    resized = F.interpolate(image.unsqueeze(0), size=size, mode="bilinear", align_corners=False)
    return 2 * resized.squeeze(0) - 1


def network_inputs(files, batch_size):
    """Preprocessed inputs [B, 3, 299, 299], batch by batch, in file order."""
    for start in range(0, len(files), batch_size):
        yield torch.stack([preprocess(load_image(p)) for p in files[start:start + batch_size]])


def activations(files, model, dims, batch_size, with_logits=False):
    """Features [n, dims] as float64 (float32 values), and logits [n, 1008] float32 when asked."""
    features = np.empty((len(files), dims))
    logits = np.empty((len(files), fid_inception.NUM_CLASSES), dtype=np.float32) if with_logits else None
    batch_size = min(batch_size, len(files))  # pytorch-fid's clamp
    start = 0
    with torch.no_grad():
        for batch in network_inputs(files, batch_size):
            if with_logits:
                f, l = model.features_and_logits(batch, dims)
                logits[start:start + len(batch)] = l.numpy()
            else:
                f = model(batch, dims)
            features[start:start + len(batch)] = f.numpy()
            start += len(batch)
    return features, logits


def statistics(features):
    """(mu, sigma) in float64: np.mean over samples and np.cov with rowvar=False."""
    return np.mean(features, axis=0), np.cov(features, rowvar=False)


def frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's Fréchet distance; returns (fid, whether eps * I had to be added)."""
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    if mu1.shape != mu2.shape or sigma1.shape != sigma2.shape:
        raise SystemExit(f"statistics do not match: mu {mu1.shape} vs {mu2.shape}, "
                         f"sigma {sigma1.shape} vs {sigma2.shape}")
    diff = mu1 - mu2
    root, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    offset_added = not np.isfinite(root).all()
    if offset_added:
        print(f"product of covariances is singular: adding {eps} to their diagonals", file=sys.stderr)
        offset = np.eye(sigma1.shape[0]) * eps
        root = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(root):
        if not np.allclose(np.diagonal(root).imag, 0, atol=1e-3):
            raise SystemExit(f"sqrtm has a non-negligible imaginary component {np.max(np.abs(root.imag))}")
        root = root.real
    fid = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(root)
    return float(fid), bool(offset_added)


def load_statistics(path, dims):
    """(mu, sigma) from a pytorch-fid .npz statistics file, checked against dims."""
    try:
        with np.load(path) as f:
            mu, sigma = f["mu"][:].astype(np.float64), f["sigma"][:].astype(np.float64)
    except (OSError, KeyError, ValueError) as e:
        raise SystemExit(f"{path}: not a statistics file with 'mu' and 'sigma' ({e})")
    if mu.shape != (dims,) or sigma.shape != (dims, dims):
        raise SystemExit(f"{path}: mu {mu.shape} / sigma {sigma.shape}, expected ({dims},) / ({dims}, {dims})")
    return mu, sigma


class Side:
    """One side of the comparison: statistics, image count (None for .npz) and raw outputs."""

    def __init__(self, path, model, args, keep_outputs):
        start = time.perf_counter()
        self.features = self.logits = None
        if path.endswith(".npz"):
            if keep_outputs:
                raise SystemExit(f"{path}: --features-out / --logits-out need an image folder, not a .npz")
            self.mu, self.sigma = load_statistics(path, args.dims)
            self.count = None
        else:
            files = list_images(path)
            with_logits = keep_outputs and args.logits_out is not None
            self.features, self.logits = activations(files, model, args.dims, args.batch_size, with_logits)
            self.mu, self.sigma = statistics(self.features)
            self.count = len(files)
        self.seconds = time.perf_counter() - start

    def save_statistics(self, path):
        np.savez_compressed(path, mu=self.mu, sigma=self.sigma)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", required=True, help="image folder or .npz statistics")
    parser.add_argument("--fake", required=True, help="image folder or .npz statistics")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--random-seed", type=int, help="seeded random FID-Inception weights")
    source.add_argument("--weights", help=f"pytorch-fid's weights file ({fid_inception.WEIGHTS_FILE_NAME})")
    parser.add_argument("--dims", type=int, default=2048, choices=sorted(fid_inception.BLOCK_BY_DIMS))
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--save-stats", metavar="OUT.npz", help="statistics of --real")
    parser.add_argument("--save-fake-stats", metavar="OUT.npz", help="statistics of --fake")
    parser.add_argument("--json", metavar="OUT.json", help="write the result as JSON")
    parser.add_argument("--features-out", metavar="F.npy", help="raw features of --real, float32 [n, dims]")
    parser.add_argument("--logits-out", metavar="L.npy", help="logits of --real, float32 [n, 1008]")
    parser.add_argument("--threads", type=int, help="torch.set_num_threads (default: torch's)")
    args = parser.parse_args(argv)
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    for path in (args.real, args.fake, args.weights):
        if path is not None and not os.path.exists(path):
            raise SystemExit(f"{path}: no such file or directory")
    model = fid_inception.build(weights=args.weights, random_seed=args.random_seed)
    keep = args.features_out is not None or args.logits_out is not None
    real = Side(args.real, model, args, keep_outputs=keep)
    fake = Side(args.fake, model, args, keep_outputs=False)
    fid, offset_added = frechet_distance(real.mu, real.sigma, fake.mu, fake.sigma)
    if args.save_stats:
        real.save_statistics(args.save_stats)
    if args.save_fake_stats:
        fake.save_statistics(args.save_fake_stats)
    if args.features_out:
        np.save(args.features_out, real.features.astype(np.float32))
    if args.logits_out:
        np.save(args.logits_out, real.logits)
    result = {"fid": fid, "n_real": real.count, "n_fake": fake.count, "dims": args.dims,
              "weights": fid_inception.describe_weights(args.weights, args.random_seed),
              "offset_added": offset_added}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    print(f"FID: {fid!r} (n_real={real.count}, n_fake={fake.count}, dims={args.dims}; "
          f"real {real.seconds:.1f} s, fake {fake.seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
