#!/usr/bin/env python3
"""Validate ONNX files with the reference checker: check_onnx.py MODEL.onnx [MODEL2.onnx ...].

Runs onnx.checker.check_model(model, full_check=True) (structure + strict shape inference) on each
path; prints one line per file and exits 1 if any file fails, 2 on usage or import errors.
"""
import sys


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    try:
        import onnx
    except ImportError as e:  # python3-onnx missing
        print(f"cannot import onnx: {e} (apt-get install python3-onnx)", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            print(f"OK   {path} (ir {model.ir_version}, opset "
                  f"{','.join(str(o.version) for o in model.opset_import)}, {len(model.graph.node)} nodes)")
        except Exception as e:  # report every file, then fail
            failed += 1
            print(f"FAIL {path}: {type(e).__name__}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
