#!/usr/bin/env python3
"""Export pytorch-fid's FID-Inception to ONNX: input "image" [N,3,299,299] in [-1,1], outputs
"features" [N,dims] (pytorch-fid's block for --dims, spatially averaged) and "logits" [N,1008].

The network is tools/fid_inception.py (pytorch-fid's architecture, torchvision's Inception3 with
its FID blocks). Resizing to 299x299 (bilinear, align_corners=False, no antialias) and 2x-1 are the
caller's job, as in pytorch-fid's InceptionV3 with resize_input/normalize_input done outside.

Weights: --weights loads pytorch-fid's pt_inception-2015-12-05-6726825d.pth (torchvision key names,
strict). --random-seed S makes seeded random weights instead, for tests: Gaussian convolution filters
centred to sum to zero and scaled to keep the activations' variance layer to layer, near-identity
BatchNorm, all drawn with NumPy's PCG64 (byte-identical for a seed on any machine). No BatchNorm
calibration pass is needed: every block's RMS stays of the input's order (about 0.2-0.6 on test
images) and, the filters ignoring mean shifts, no feature channel is left constant (dead).

After writing, the file is checked with onnx.checker (full_check) and, where the installed onnx has
onnx.reference, run with its reference evaluator against PyTorch on one seeded input (onnx < 1.13 has
no onnx.reference: that check is skipped and the script says so). The model's metadata_props record
the weights (file SHA-256 or seed), dims and the expected preprocessing.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fid_inception  # noqa: E402  (next to this script)


class FeaturesAndLogits(nn.Module):
    """The exported graph: image -> (features of the --dims block, logits), or features only."""

    def __init__(self, model, dims, with_logits):
        super().__init__()
        self.model, self.dims, self.with_logits = model, dims, with_logits

    def forward(self, image):
        if self.with_logits:
            return self.model.features_and_logits(image, self.dims)
        return self.model(image, self.dims)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="ONNX file to write")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--weights", help=f"pytorch-fid's weights file ({fid_inception.WEIGHTS_FILE_NAME})")
    source.add_argument("--random-seed", type=int, help="seeded random weights (tests; see above)")
    parser.add_argument("--dims", type=int, default=2048, choices=sorted(fid_inception.BLOCK_BY_DIMS),
                        help="feature block: 64, 192, 768 or 2048 (pool3, default)")
    parser.add_argument("--opset", type=int, default=13, help="ONNX opset (default 13)")
    parser.add_argument("--no-logits", action="store_true",
                        help="export only 'features' (the graph then stops at the --dims block: "
                             "dims 64 is about 9x cheaper than the whole network)")
    parser.add_argument("--save-weights", metavar="W.pth",
                        help="also save the state dict used (loadable with --weights here and in "
                             "tests/tools/pytorch_fid_reference.py)")
    return parser.parse_args(argv)


def export(model, args):
    wrapper = FeaturesAndLogits(model, args.dims, not args.no_logits).eval()
    outputs = ["features"] + ([] if args.no_logits else ["logits"])
    dynamic = {name: {0: "N"} for name in ["image"] + outputs}
    example = torch.zeros(1, 3, fid_inception.INPUT_SIZE, fid_inception.INPUT_SIZE)
    temporary = args.out + ".tmp"
    try:
        with torch.no_grad():
            torch.onnx.export(wrapper, (example,), temporary, input_names=["image"], output_names=outputs,
                              dynamic_axes=dynamic, opset_version=args.opset, do_constant_folding=True)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    return wrapper, temporary, outputs


def add_metadata(path, args):
    import onnx
    model = onnx.load(path)
    entries = {
        "mlgan.network": "pytorch-fid FID-Inception (tools/fid_inception.py)",
        "mlgan.weights": fid_inception.describe_weights(args.weights, args.random_seed),
        "mlgan.features_dims": str(args.dims),
        "mlgan.input": "image [N,3,299,299] = 2*x-1, x = RGB/255 bilinearly resized to 299x299 "
                       "(align_corners=False, no antialias)",
    }
    del model.metadata_props[:]
    for key, value in entries.items():
        model.metadata_props.add(key=key, value=value)
    onnx.save(model, path)
    return model


def verify(model_proto, wrapper, outputs):
    import onnx
    onnx.checker.check_model(model_proto, full_check=True)
    print(f"onnx.checker (full_check): OK (onnx {onnx.__version__})")
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        print(f"onnx.reference: skipped (onnx {onnx.__version__} has no reference evaluator; it "
              "arrived in onnx 1.13). tests/tools/check_fid_inception_onnx.py runs the graph in NumPy.")
        return
    generator = torch.Generator().manual_seed(0)
    image = torch.rand(1, 3, fid_inception.INPUT_SIZE, fid_inception.INPUT_SIZE, generator=generator) * 2 - 1
    with torch.no_grad():
        expected = wrapper(image)
    expected = expected if isinstance(expected, tuple) else (expected,)
    got = ReferenceEvaluator(model_proto).run(None, {"image": image.numpy()})
    for name, e, g in zip(outputs, expected, got):
        delta = float(np.max(np.abs(e.numpy() - g)))
        print(f"onnx.reference vs PyTorch, {name}: max |delta| = {delta:.3g}")
        if not delta <= 1e-3 * max(1.0, float(np.max(np.abs(e.numpy())))):
            raise SystemExit(f"ONNX graph disagrees with PyTorch on {name}: max |delta| {delta}")


def main(argv):
    args = parse_args(argv)
    if args.weights is not None and not os.path.isfile(args.weights):
        raise SystemExit(f"--weights: no such file: {args.weights}")
    start = time.perf_counter()
    model = fid_inception.build(weights=args.weights, random_seed=args.random_seed)
    if args.save_weights:
        torch.save(model.state_dict(), args.save_weights)
        print(f"wrote {args.save_weights} (state dict)")
    wrapper, temporary, outputs = export(model, args)
    try:
        model_proto = add_metadata(temporary, args)
        os.replace(temporary, args.out)  # a failed run leaves no half-written --out
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    shapes = {"features": f"[N,{args.dims}]", "logits": f"[N,{fid_inception.NUM_CLASSES}]"}
    print(f"wrote {args.out}: {os.path.getsize(args.out)} bytes, opset {args.opset}, input image [N,3,299,299], "
          f"outputs {', '.join(f'{o} {shapes[o]}' for o in outputs)}; weights: "
          f"{fid_inception.describe_weights(args.weights, args.random_seed)} "
          f"({time.perf_counter() - start:.1f} s)")
    verify(model_proto, wrapper, outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
