#!/usr/bin/env python3
"""The peer side of the image-folder feature-extraction benchmark: pytorch-fid's own pipeline.

    peer_pytorch_fid.py --images DIR (--random-seed S | --weights W) [--dims 2048] [--batch-size 50]
        [--threads 2] [--num-workers K] [--limit N]

Mirrors pytorch-fid's get_activations (src/pytorch_fid/fid_score.py) step by step, on CPU:
the folder's *.bmp/jpg/jpeg/pgm/png/ppm/tif/tiff/webp files (non-recursive, sorted full paths, as
pytorch-fid globs them); a Dataset that PIL-decodes with convert('RGB') and applies
torchvision's ToTensor; a DataLoader (batch_size, shuffle=False, drop_last=False, num_workers
defaulting to pytorch-fid's min(8, available CPUs)); the model with pytorch-fid's *internal* resize
(bilinear 299x299, align_corners=False) and 2x-1 before FID-Inception (tools/fid_inception.py),
run only up to the --dims block, under torch.no_grad(); adaptive average pooling of non-1x1 blocks;
rows copied into a float64 array. Then mean and np.cov, as pytorch-fid computes its statistics.

Timed: from listing the folder to the statistics (model construction and one warm-up image excluded).
Prints images_per_second=... and seconds=... (plus the settings) on one line.
"""
import argparse
import os
import pathlib
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms as transforms
from PIL import Image

_REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(_REPOSITORY, "tools"))
import fid_inception  # noqa: E402  (tools/fid_inception.py)

PYTORCH_FID_EXTENSIONS = ("bmp", "jpg", "jpeg", "pgm", "png", "ppm", "tif", "tiff", "webp")


class ImageFiles(torch.utils.data.Dataset):
    """pytorch-fid's ImagePathDataset: PIL decode, convert('RGB'), then a transform (ToTensor)."""

    def __init__(self, files, transform):
        self.files, self.transform = files, transform

    def __len__(self):
        return len(self.files)

    def __getitem__(self, index):
        return self.transform(Image.open(self.files[index]).convert("RGB"))


class ResizingFidInception(torch.nn.Module):
    """pytorch-fid's InceptionV3 front end: resize to 299x299 and map [0, 1] to [-1, 1] inside forward."""

    def __init__(self, network, dims):
        super().__init__()
        self.network, self.dims = network, dims

    def forward(self, batch):
        size = (fid_inception.INPUT_SIZE, fid_inception.INPUT_SIZE)
        x = F.interpolate(batch, size=size, mode="bilinear", align_corners=False)
        return self.network(2 * x - 1, self.dims)


def default_workers():
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:
        available = os.cpu_count()
    return min(available, 8) if available is not None else 0


def list_files(folder):
    path = pathlib.Path(folder)
    return sorted(f for ext in PYTORCH_FID_EXTENSIONS for f in path.glob(f"*.{ext}"))


def extract(files, model, dims, batch_size, workers):
    loader = torch.utils.data.DataLoader(ImageFiles(files, transforms.ToTensor()),
                                         batch_size=min(batch_size, len(files)), shuffle=False,
                                         drop_last=False, num_workers=workers)
    features = np.empty((len(files), dims))
    start = 0
    for batch in loader:
        with torch.no_grad():
            rows = model(batch).numpy()
        features[start:start + len(rows)] = rows
        start += len(rows)
    return features


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", required=True, help="folder of images (make_images.py writes one)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--random-seed", type=int)
    source.add_argument("--weights")
    parser.add_argument("--dims", type=int, default=2048, choices=sorted(fid_inception.BLOCK_BY_DIMS))
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--num-workers", type=int, default=default_workers(),
                        help="DataLoader worker processes (default: pytorch-fid's min(8, CPUs))")
    parser.add_argument("--limit", type=int, help="use only the first N files")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    files = list_files(args.images)[:args.limit]
    if not files:
        raise SystemExit(f"{args.images}: no image files")
    model = ResizingFidInception(fid_inception.build(weights=args.weights, random_seed=args.random_seed),
                                 args.dims).eval()
    with torch.no_grad():  # warm-up: first-call allocations and kernel selection, not timed
        model(torch.zeros(1, 3, 32, 32))

    start = time.perf_counter()
    features = extract(list_files(args.images)[:args.limit], model, args.dims, args.batch_size,
                       args.num_workers)
    mu, sigma = np.mean(features, axis=0), np.cov(features, rowvar=False)
    seconds = time.perf_counter() - start
    print(f"images_per_second={len(files) / seconds:.2f} seconds={seconds:.2f} images={len(files)} "
          f"dims={args.dims} batch_size={args.batch_size} threads={args.threads} "
          f"num_workers={args.num_workers} (mu[0]={mu[0]:.6g}, trace sigma={np.trace(sigma):.6g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
