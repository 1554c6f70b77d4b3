"""A small float64 NumPy interpreter for the ONNX operators of a CNN like FID-Inception.

onnx 1.12 (Debian 12's python3-onnx) has no onnx.reference evaluator and onnxruntime is not packaged,
so this runs an exported graph independently of PyTorch: Conv (group 1, no dilation), Relu, MaxPool,
AveragePool (count_include_pad 0 or 1), GlobalAveragePool, Concat, Flatten and Gemm, with explicit
pads (auto_pad NOTSET) and ceil_mode 0 -- what torch.onnx.export writes for tools/fid_inception.py.
Any other operator or attribute value raises NotImplementedError rather than guessing.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from onnx import helper, numpy_helper


def _attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _spatial(attrs, kernel):
    """(pads top, left, bottom, right; strides) after rejecting what this runner does not implement."""
    if attrs.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise NotImplementedError(f"auto_pad {attrs['auto_pad']}")
    if any(d != 1 for d in attrs.get("dilations", [1, 1])):
        raise NotImplementedError(f"dilations {attrs['dilations']}")
    if attrs.get("ceil_mode", 0) != 0:
        raise NotImplementedError("ceil_mode 1")
    if len(kernel) != 2:
        raise NotImplementedError(f"{len(kernel)}-d kernel")
    pads = attrs.get("pads", [0, 0, 0, 0])
    return pads, attrs.get("strides", [1, 1])


def _windows(x, kernel, pads, strides, fill):
    """[N, C, Ho, Wo, kh, kw] views of x padded with ``fill``."""
    padded = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=fill)
    views = sliding_window_view(padded, tuple(kernel), axis=(2, 3))
    return views[:, :, ::strides[0], ::strides[1]]


def _conv(node, x, weight, bias=None):
    attrs = _attributes(node)
    if attrs.get("group", 1) != 1:
        raise NotImplementedError(f"Conv group {attrs['group']}")
    kernel = list(weight.shape[2:])
    pads, strides = _spatial(attrs, kernel)
    windows = _windows(x, kernel, pads, strides, 0.0)
    y = np.tensordot(windows, weight, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    return y + bias.reshape(1, -1, 1, 1) if bias is not None else y


def _max_pool(node, x):
    attrs = _attributes(node)
    pads, strides = _spatial(attrs, attrs["kernel_shape"])
    return _windows(x, attrs["kernel_shape"], pads, strides, -np.inf).max(axis=(4, 5))


def _average_pool(node, x):
    attrs = _attributes(node)
    kernel = attrs["kernel_shape"]
    pads, strides = _spatial(attrs, kernel)
    total = _windows(x, kernel, pads, strides, 0.0).sum(axis=(4, 5))
    if attrs.get("count_include_pad", 0):
        return total / (kernel[0] * kernel[1])
    ones = np.ones((1, 1) + x.shape[2:])
    return total / _windows(ones, kernel, pads, strides, 0.0).sum(axis=(4, 5))


def _gemm(node, a, b, c=None):
    attrs = _attributes(node)
    a = a.T if attrs.get("transA", 0) else a
    b = b.T if attrs.get("transB", 0) else b
    y = attrs.get("alpha", 1.0) * (a @ b)
    return y + attrs.get("beta", 1.0) * c if c is not None else y


def _flatten(node, x):
    axis = _attributes(node).get("axis", 1)
    return x.reshape(int(np.prod(x.shape[:axis])), -1)


_OPERATORS = {
    "Conv": _conv,
    "Relu": lambda node, x: np.maximum(x, 0.0),
    "MaxPool": _max_pool,
    "AveragePool": _average_pool,
    "GlobalAveragePool": lambda node, x: x.mean(axis=(2, 3), keepdims=True),
    "Concat": lambda node, *xs: np.concatenate(xs, axis=_attributes(node)["axis"]),
    "Flatten": _flatten,
    "Gemm": _gemm,
}


def run(model, feeds, outputs=None):
    """Evaluate ``model`` (an onnx ModelProto) on ``feeds`` (name -> array) in float64.

    Returns the arrays of ``outputs`` (default: all graph outputs), in that order. Nodes run in the
    stored order, which the ONNX specification requires to be topological.
    """
    names = outputs or [o.name for o in model.graph.output]
    values = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    values.update({name: np.asarray(v, dtype=np.float64) for name, v in feeds.items()})
    # Drop each intermediate after its last reader: float64 activations of a 299x299 batch are large.
    last_use = {name: i for i, node in enumerate(model.graph.node) for name in node.input}
    for i, node in enumerate(model.graph.node):
        if node.op_type not in _OPERATORS:
            raise NotImplementedError(f"operator {node.op_type} (node {node.name})")
        if len(node.output) != 1:
            raise NotImplementedError(f"{node.op_type} with {len(node.output)} outputs (node {node.name})")
        args = [values[name] if name else None for name in node.input]
        values[node.output[0]] = _OPERATORS[node.op_type](node, *args)
        for name in set(node.input):
            if name and last_use.get(name) == i and name not in names:
                del values[name]
    return [values[name] for name in names]
