"""The reference side of the FID benchmark: pytorch-fid's formula on the same .npy features.

Timed: mean + np.cov of both sets (float64) and pytorch-fid's calculate_frechet_distance, i.e.
scipy.linalg.sqrtm(sigma1.dot(sigma2)) with its eps-offset fallback and imaginary-part check.
Prints one line: SCIPY seconds=<s> fid=<value>.
With --eigen it also times MlGan's trace-term algorithm (Cholesky congruence + eigvalsh) written with
the same numpy/scipy (same BLAS/LAPACK), to separate the algorithm's gain from the BLAS library's.
Usage: fid_scipy.py DATA_DIR [--eigen]
"""
import os
import sys
import time

import numpy as np
from scipy import linalg


def calculate_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    # As in pytorch-fid (src/pytorch_fid/fid_score.py), re-typed here.
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("Imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


def main():
    data = sys.argv[1]
    f1 = np.load(os.path.join(data, "features1.npy"))
    f2 = np.load(os.path.join(data, "features2.npy"))
    start = time.perf_counter()
    mu1, sigma1 = np.mean(f1, axis=0), np.cov(f1, rowvar=False)
    mu2, sigma2 = np.mean(f2, axis=0), np.cov(f2, rowvar=False)
    t_cov = time.perf_counter() - start
    fid = calculate_frechet_distance(mu1, sigma1, mu2, sigma2)
    seconds = time.perf_counter() - start
    print(f"SCIPY seconds={seconds:.3f} cov_seconds={t_cov:.3f} fid={fid!r} n={f1.shape[0]} d={f1.shape[1]}")
    if "--eigen" in sys.argv:
        start = time.perf_counter()
        chol = linalg.cholesky(sigma1, lower=True)
        m = chol.T @ sigma2 @ chol
        lam = linalg.eigvalsh((m + m.T) / 2)
        diff = mu1 - mu2
        fid_eigen = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(np.clip(lam, 0, None)).sum()
        print(f"SCIPY_EIGEN trace_seconds={time.perf_counter() - start:.3f} fid={fid_eigen!r}")


if __name__ == "__main__":
    main()
