#!/usr/bin/env python3
"""Check an exported FID-Inception ONNX graph against the PyTorch reference on real preprocessed images.

    check_fid_inception_onnx.py --onnx NET.onnx --images DIR (--random-seed S | --weights W)
        [--dims 2048] [--count 2] [--tolerance 1e-4] [--float64-torch]

Takes the first --count images of DIR in the reference's order, preprocesses them exactly as
tests/tools/pytorch_fid_reference.py does (PIL, /255, bilinear 299x299, 2x-1), runs the PyTorch
model (float32, as the reference does) and the ONNX graph (onnx_numpy_runner.py: float64 NumPy,
independent of PyTorch and of ONNX Runtime) and prints max |delta| per output, absolute and relative
to the output's largest magnitude. --float64-torch also runs PyTorch in float64, which separates
float32 rounding from any difference in what the graph computes. Exits 1 if a relative max |delta|
exceeds --tolerance.
"""
import argparse
import os
import sys
import time

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_numpy_runner  # noqa: E402
import pytorch_fid_reference as reference  # noqa: E402  (also puts tools/ on sys.path)
import fid_inception  # noqa: E402


def torch_outputs(model, images, dims, names):
    with torch.no_grad():
        if "logits" in names:
            return [t.double().numpy() for t in model.features_and_logits(images, dims)]
        return [model(images, dims).double().numpy()]


def report(label, names, expected, got, tolerance):
    worst = 0.0
    for name, e, g in zip(names, expected, got):
        delta = float(np.max(np.abs(e - g)))
        relative = delta / float(np.max(np.abs(e)))
        worst = max(worst, relative)
        print(f"{label:<32} {name:<8} {str(list(e.shape)):<12} max |delta| {delta:.3e} "
              f"(relative {relative:.3e}, max |value| {np.max(np.abs(e)):.3g})")
    return worst <= tolerance


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--images", required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--random-seed", type=int)
    source.add_argument("--weights")
    parser.add_argument("--dims", type=int, default=2048, choices=sorted(fid_inception.BLOCK_BY_DIMS))
    parser.add_argument("--count", type=int, default=2)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--float64-torch", action="store_true")
    args = parser.parse_args(argv)

    graph = onnx.load(args.onnx)
    names = [o.name for o in graph.graph.output]
    files = reference.list_images(args.images)[:args.count]
    images = torch.stack([reference.preprocess(reference.load_image(p)) for p in files])
    model = fid_inception.build(weights=args.weights, random_seed=args.random_seed)

    start = time.perf_counter()
    expected = torch_outputs(model, images, args.dims, names)
    print(f"PyTorch float32: {time.perf_counter() - start:.1f} s for {len(files)} images")
    start = time.perf_counter()
    got = onnx_numpy_runner.run(graph, {"image": images.numpy()})
    print(f"ONNX graph in NumPy float64: {time.perf_counter() - start:.1f} s")
    ok = report("PyTorch float32 vs ONNX (f64)", names, expected, got, args.tolerance)
    if args.float64_torch:
        start = time.perf_counter()
        exact = torch_outputs(model.double(), images.double(), args.dims, names)
        print(f"PyTorch float64: {time.perf_counter() - start:.1f} s")
        report("PyTorch float64 vs ONNX (f64)", names, exact, got, args.tolerance)
    print("OK" if ok else f"FAIL: relative max |delta| above {args.tolerance}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
