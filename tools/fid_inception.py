"""FID-Inception: the Inception-v3 variant pytorch-fid computes FID with, as an importable module.

pytorch-fid (mseitzer/pytorch-fid, src/pytorch_fid/inception.py) builds torchvision's Inception3 with
1008 classes, no auxiliary classifier and no input transform, then swaps in blocks that reproduce the
TensorFlow graph its weights come from (inception-2015-12-05):

- Mixed_5b/5c/5d (InceptionA), Mixed_6b-6e (InceptionC), Mixed_7b (first InceptionE): the pool branch
  averages over the *valid* pixels of the 3x3 window only (``count_include_pad=False``), as TF does;
- Mixed_7c (second InceptionE): the pool branch is a 3x3 *max* pool (a quirk of that TF graph).

Everything else (BasicConv2d = conv without bias + BatchNorm(eps=1e-3) + ReLU, Mixed_6a, Mixed_7a,
the stem) is torchvision's, so state-dict keys are torchvision's (``Conv2d_1a_3x3.conv.weight``,
``Mixed_7c.branch_pool.bn.running_var``, ``fc.weight`` ...) -- exactly the keys of pytorch-fid's
``pt_inception-2015-12-05-6726825d.pth``, which pytorch-fid loads with a strict ``load_state_dict``.

pytorch-fid's four feature blocks (``InceptionV3.BLOCK_INDEX_BY_DIM``) and their boundaries:

====  =====  ==========================================================================
dims  block  layers
====  =====  ==========================================================================
64    0      Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3, maxpool1 (3x3, stride 2)
192   1      Conv2d_3b_1x1, Conv2d_4a_3x3, maxpool2 (3x3, stride 2)
768   2      Mixed_5b, 5c, 5d, 6a, 6b, 6c, 6d, 6e (the aux classifier's input)
2048  3      Mixed_7a, 7b, 7c, adaptive average pool to 1x1 (pool3)
====  =====  ==========================================================================

A block's output is spatially averaged (``adaptive_avg_pool2d`` to 1x1) and flattened to [N, dims],
as pytorch-fid's ``get_activations`` does; ``logits = fc(pool3)`` ([N, 1008]; dropout is the identity
in eval mode). The model takes an already normalised input in [-1, 1], [N, 3, 299, 299]: the bilinear
resize and ``2x - 1`` (pytorch-fid's ``resize_input`` / ``normalize_input``) happen outside.

Used by tools/export-pytorch-fid-inception.py (ONNX export), tests/tools/pytorch_fid_reference.py
(the PyTorch reference pipeline) and benchmarks/fid-extract/peer_pytorch_fid.py, which import it by
path, so that all three run the same network with the same weights.
"""
import hashlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models.inception import Inception3, InceptionA, InceptionC, InceptionE

NUM_CLASSES = 1008
INPUT_SIZE = 299
BLOCK_BY_DIMS = {64: 0, 192: 1, 768: 2, 2048: 3}
WEIGHTS_FILE_NAME = "pt_inception-2015-12-05-6726825d.pth"


def _valid_average_pool(x):
    """3x3 average over the in-image pixels of each window (TF's SAME-padded average pool)."""
    return F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)


def _max_pool(x):
    return F.max_pool2d(x, kernel_size=3, stride=1, padding=1)


class FidInceptionA(InceptionA):
    """Mixed_5b/5c/5d: torchvision's InceptionA with the pool branch averaging valid pixels only."""

    def _forward(self, x):
        return [
            self.branch1x1(x),
            self.branch5x5_2(self.branch5x5_1(x)),
            self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
            self.branch_pool(_valid_average_pool(x)),
        ]


class FidInceptionC(InceptionC):
    """Mixed_6b-6e: torchvision's InceptionC with the pool branch averaging valid pixels only."""

    def _forward(self, x):
        seven = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        double = x
        for conv in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3,
                     self.branch7x7dbl_4, self.branch7x7dbl_5):
            double = conv(double)
        return [self.branch1x1(x), seven, double, self.branch_pool(_valid_average_pool(x))]


class _FidInceptionE(InceptionE):
    """torchvision's InceptionE with a replaceable pool-branch pooling (``_pool``)."""

    @staticmethod
    def _pool(x):
        raise NotImplementedError

    def _forward(self, x):
        narrow = self.branch3x3_1(x)
        wide = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        return [
            self.branch1x1(x),
            torch.cat([self.branch3x3_2a(narrow), self.branch3x3_2b(narrow)], 1),
            torch.cat([self.branch3x3dbl_3a(wide), self.branch3x3dbl_3b(wide)], 1),
            self.branch_pool(self._pool(x)),
        ]


class FidInceptionE1(_FidInceptionE):
    """Mixed_7b: the pool branch averages valid pixels only."""

    _pool = staticmethod(_valid_average_pool)


class FidInceptionE2(_FidInceptionE):
    """Mixed_7c: the pool branch is a 3x3 max pool (as in the TF graph pytorch-fid's weights come from)."""

    _pool = staticmethod(_max_pool)


class FidInceptionV3(Inception3):
    """pytorch-fid's FID-Inception; state-dict keys are torchvision's Inception3 keys (no AuxLogits)."""

    def __init__(self):
        super().__init__(num_classes=NUM_CLASSES, aux_logits=False, transform_input=False,
                         init_weights=False)
        self.Mixed_5b = FidInceptionA(192, pool_features=32)
        self.Mixed_5c = FidInceptionA(256, pool_features=64)
        self.Mixed_5d = FidInceptionA(288, pool_features=64)
        self.Mixed_6b = FidInceptionC(768, channels_7x7=128)
        self.Mixed_6c = FidInceptionC(768, channels_7x7=160)
        self.Mixed_6d = FidInceptionC(768, channels_7x7=160)
        self.Mixed_6e = FidInceptionC(768, channels_7x7=192)
        self.Mixed_7b = FidInceptionE1(1280)
        self.Mixed_7c = FidInceptionE2(2048)

    def blocks(self):
        """pytorch-fid's four feature blocks, in order, as lists of modules."""
        return [
            [self.Conv2d_1a_3x3, self.Conv2d_2a_3x3, self.Conv2d_2b_3x3, self.maxpool1],
            [self.Conv2d_3b_1x1, self.Conv2d_4a_3x3, self.maxpool2],
            [self.Mixed_5b, self.Mixed_5c, self.Mixed_5d, self.Mixed_6a,
             self.Mixed_6b, self.Mixed_6c, self.Mixed_6d, self.Mixed_6e],
            [self.Mixed_7a, self.Mixed_7b, self.Mixed_7c, self.avgpool],
        ]

    def block_outputs(self, x, last_block=3):
        """The raw outputs [N, C, H, W] of blocks 0..last_block for an input x in [-1, 1]."""
        outputs = []
        for block in self.blocks()[:last_block + 1]:
            for layer in block:
                x = layer(x)
            outputs.append(x)
        return outputs

    def forward(self, x, dims=2048):
        """Features [N, dims] of pytorch-fid's block for ``dims``; runs only the blocks needed."""
        return pool_features(self.block_outputs(x, block_index(dims))[-1])

    def features_and_logits(self, x, dims=2048):
        """(features [N, dims], logits [N, 1008]) from one pass through the whole network."""
        outputs = self.block_outputs(x)
        pool3 = torch.flatten(outputs[3], 1)
        return pool_features(outputs[block_index(dims)]), self.fc(self.dropout(pool3))


def block_index(dims):
    """pytorch-fid's block index for a feature dimensionality (64, 192, 768 or 2048)."""
    if dims not in BLOCK_BY_DIMS:
        raise ValueError(f"dims must be one of {sorted(BLOCK_BY_DIMS)}, got {dims}")
    return BLOCK_BY_DIMS[dims]


def pool_features(block_output):
    """Spatial mean of a block output: [N, C, H, W] -> [N, C] (identity on pool3's 1x1 map)."""
    return torch.flatten(F.adaptive_avg_pool2d(block_output, output_size=(1, 1)), 1)


def _tensor_rng(seed, name):
    # One stream per tensor, keyed by its state-dict name: the values depend on (seed, name) only,
    # not on module registration order or on how many tensors came before.
    key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key,))))


# Each filter sums to zero (see random_state_dict), so a convolution passes on the *variance* of its
# ReLU inputs, not their mean: for unit-Gaussian pre-activations Var(ReLU) = 1/2 - 1/(2 pi), and this
# gain makes fan_in * std^2 * Var(ReLU) = 1.
_CENTRED_RELU_GAIN = 1.0 / (0.5 - 0.5 / np.pi)


def random_state_dict(model, seed):
    """Seeded weights for ``model`` (every float tensor of its state dict), as float32 numpy-made tensors.

    Convolutions: Gaussian filters centred to sum to zero over their fan-in, scaled to std
    sqrt(2.93 / fan_in). Zero-sum filters ignore the (positive) mean of their ReLU inputs and the
    image's overall brightness, so no channel is pushed into ReLU's dead zone by a mean shift (plain
    He init leaves up to 8% of the 2048 pool3 channels constant on test images, which makes covariances
    singular); the gain keeps the activations' variance from layer to layer, so 94 convolutions deep
    they are still of the input's order -- no BatchNorm calibration pass is needed. BatchNorm: close to the
    identity with a mild seeded spread (gamma 1 + 0.1 N, beta 0.05 N, running mean 0.05 N, running
    variance exp(0.1 N)) so that the exported graph's folded BatchNorm is not a no-op. fc: N(0, 1/2048)
    weights, N(0, 0.01^2) biases. Drawn with NumPy's PCG64 in float64 and rounded to float32, so a
    seed gives byte-identical weights on any machine (NumPy >= 1.17).
    """
    state = {}
    for name, tensor in model.state_dict().items():
        if not tensor.is_floating_point():
            state[name] = torch.zeros_like(tensor)  # num_batches_tracked
            continue
        rng = _tensor_rng(seed, name)
        shape = tuple(tensor.shape)
        normal = rng.standard_normal(shape)
        if name.endswith("conv.weight"):
            fan_in = int(np.prod(shape[1:]))
            centred = normal - normal.reshape(shape[0], -1).mean(axis=1).reshape(-1, 1, 1, 1)
            values = centred * np.sqrt(_CENTRED_RELU_GAIN / fan_in)
        elif name.endswith("bn.weight"):
            values = 1.0 + 0.1 * normal
        elif name.endswith("bn.bias") or name.endswith("bn.running_mean"):
            values = 0.05 * normal
        elif name.endswith("bn.running_var"):
            values = np.exp(0.1 * normal)
        elif name == "fc.weight":
            values = normal / np.sqrt(shape[1])
        elif name == "fc.bias":
            values = 0.01 * normal
        else:
            raise ValueError(f"no random initialisation rule for state-dict entry {name}")
        state[name] = torch.from_numpy(values.astype(np.float32))
    return state


def load_weights_file(path):
    """pytorch-fid's weights file (or any state dict with its keys) as a state dict of CPU tensors."""
    state = torch.load(path, map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise ValueError(f"{path}: expected a state dict (name -> tensor), got {type(state).__name__}")
    return state


def build(weights=None, random_seed=None):
    """FID-Inception in eval mode with pytorch-fid's weights file or seeded random weights.

    Exactly one of ``weights`` (path of pt_inception-2015-12-05-6726825d.pth or a state dict saved
    with the same keys) and ``random_seed`` (int, see :func:`random_state_dict`) must be given.
    The file is loaded strictly, as pytorch-fid does, except that BatchNorm's ``num_batches_tracked``
    (absent from old files, unused in eval mode) may be missing.
    """
    if (weights is None) == (random_seed is None):
        raise ValueError("give exactly one of weights (a .pth path) and random_seed")
    model = FidInceptionV3()
    if weights is not None:
        state = load_weights_file(weights)
        expected = model.state_dict()
        missing = [k for k in expected if k not in state and not k.endswith("num_batches_tracked")]
        unexpected = [k for k in state if k not in expected]
        if missing or unexpected:
            raise ValueError(f"{weights}: not a FID-Inception state dict; missing {len(missing)} keys "
                             f"(e.g. {missing[:3]}), unexpected {len(unexpected)} (e.g. {unexpected[:3]})")
        for k, v in state.items():
            if tuple(v.shape) != tuple(expected[k].shape):
                raise ValueError(f"{weights}: {k} has shape {tuple(v.shape)}, expected {tuple(expected[k].shape)}")
        model.load_state_dict(state, strict=False)
    else:
        model.load_state_dict(random_state_dict(model, int(random_seed)))
    return model.eval().requires_grad_(False)


def describe_weights(weights=None, random_seed=None):
    """One line naming the weights: the file and its SHA-256, or the seed."""
    if weights is not None:
        digest = hashlib.sha256()
        with open(weights, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return f"file {weights} sha256 {digest.hexdigest()}"
    return f"random seed {int(random_seed)} (zero-sum Gaussian convolutions, near-identity BatchNorm; tools/fid_inception.py)"
