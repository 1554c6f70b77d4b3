#!/usr/bin/env python3
"""Vectorised NumPy peer of MlGan's GMM-GAN heatmap (Li, Madry, Peebles, Schmidt 2017, Figure 3).

Same dynamics as src/Trainers/GmmGan: objective with mixture weights 1/2, simultaneous first-order steps
(eqs. 9-11) with the ordering projection (pool-adjacent-violators, ties pooled) and collapsed intervals frozen,
unrolled steps with the forward-mode tangent through k discriminator steps, optimal-discriminator steps
(eqs. 7-8). Vectorised over all grid points x repeats at once (the optimal dynamics over grid points: they
ignore the random discriminator and are deterministic). Differences from the C# code, stated plainly:
  * random discriminators come from numpy's PCG64, not MlGan's SplitMix64 streams, so rates agree only
    statistically;
  * the optimal discriminator's zeros are bracketed by a sign scan on 400 points over [min mu - 8, max mu + 8]
    and refined by 60 bisections (MlGan isolates them exactly by Rolle recursion);
  * no early exit: every run takes every step.
Usage: gmm_numpy.py [--grid 21] [--repeats 120] [--steps 3000] [--step-size 0.3] [--unroll 5] [--seed 1]
                    [--kinds optimal,unrolled,first_order] [--json out.json]
"""
import argparse
import json
import time

import numpy as np
from scipy.special import ndtr

C = 0.5 / np.sqrt(2 * np.pi)
SIGNS = np.array([-1.0, 1.0, -1.0, 1.0])
T1, T2 = -0.5, 0.5


def evaluate(x, m1, m2):
    """F and F' at ends x (N,4); also e1, e2 = exp(-(x-mu_j)^2/2) and x - mu_j."""
    a, b = x - T1, x - T2
    u, w = x - m1[:, None], x - m2[:, None]
    ea, eb, e1, e2 = np.exp(-0.5 * a * a), np.exp(-0.5 * b * b), np.exp(-0.5 * u * u), np.exp(-0.5 * w * w)
    f = C * (ea + eb - e1 - e2)
    df = C * (u * e1 + w * e2 - a * ea - b * eb)
    return f, df, e1, e2, u, w


def isotonic(v):
    """Projection of each row of v (N,n) onto ascending sequences: x_i = max_{j<=i} min_{k>=i} mean(v[j..k])."""
    n = v.shape[1]
    csum = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(v, axis=1)], axis=1)
    out = np.empty_like(v)
    for i in range(n):
        best = None
        for j in range(i + 1):
            inner = None
            for k in range(i, n):
                m = (csum[:, k + 1] - csum[:, j]) / (k + 1 - j)
                inner = m if inner is None else np.minimum(inner, m)
            best = inner if best is None else np.maximum(best, inner)
        out[:, i] = best
    return out


def average_tangent_over_blocks(xhat, t):
    """Pooled ends (equal neighbours in the projection) share the average tangent."""
    n = xhat.shape[1]
    eq = [xhat[:, i] == xhat[:, i + 1] for i in range(n - 1)]
    out = np.empty_like(t)
    for i in range(n):
        total = t[:, i].copy()
        count = np.ones(t.shape[0])
        run = np.ones(t.shape[0], dtype=bool)
        for j in range(i - 1, -1, -1):
            run &= eq[j]
            total += np.where(run, t[:, j], 0.0)
            count += run
        run = np.ones(t.shape[0], dtype=bool)
        for j in range(i + 1, n):
            run &= eq[j - 1]
            total += np.where(run, t[:, j], 0.0)
            count += run
        out[:, i] = total / count
    return out


def project(x, live1, live2, tangents=()):
    """Ordering projection on the live ends; marks width-0 intervals collapsed and parks them; zeroes their tangents."""
    x = x.copy()
    tangents = [t.copy() for t in tangents]
    both = live1 & live2
    only1 = live1 & ~live2
    only2 = live2 & ~live1
    for mask, cols in ((both, [0, 1, 2, 3]), (only1, [0, 1]), (only2, [2, 3])):
        if not mask.any():
            continue
        sub = x[mask][:, cols]
        need = np.any(np.diff(sub, axis=1) <= 0, axis=1)  # ties pooled too, as in MlGan
        if not need.any():
            continue
        idx = np.flatnonzero(mask)[need]
        xs = isotonic(x[idx][:, cols])
        for t in tangents:
            t[np.ix_(idx, cols)] = average_tangent_over_blocks(xs, t[idx][:, cols])
        x[np.ix_(idx, cols)] = xs
    new1 = live1 & (x[:, 1] == x[:, 0])
    new2 = live2 & (x[:, 3] == x[:, 2])
    live1 = live1 & ~new1
    live2 = live2 & ~new2
    p1 = ~live1 & live2
    x[p1, 0] = x[p1, 1] = np.minimum(x[p1, 0], x[p1, 2])
    p2 = ~live2 & live1
    x[p2, 2] = x[p2, 3] = np.maximum(x[p2, 2], x[p2, 1])
    for t in tangents:
        t[~live1, 0:2] = 0.0
        t[~live2, 2:4] = 0.0
    return x, live1, live2, tangents


def live_signs(live1, live2):
    return SIGNS * np.stack([live1, live1, live2, live2], axis=1)


def first_order(m1, m2, x, live1, live2, steps, eta):
    for _ in range(steps):
        s = live_signs(live1, live2)
        f, _, e1, e2, _, _ = evaluate(x, m1, m2)
        m1 = m1 - eta * C * np.sum(s * e1, axis=1)
        m2 = m2 - eta * C * np.sum(s * e2, axis=1)
        x, live1, live2, _ = project(x + eta * s * f, live1, live2)
    return m1, m2


def unrolled(m1, m2, x, live1, live2, steps, eta, k):
    for _ in range(steps):
        u, l1, l2 = x, live1, live2
        d1 = np.zeros_like(x)
        d2 = np.zeros_like(x)
        for q in range(k):
            s = eta * live_signs(l1, l2)
            f, df, e1, e2, xu, xw = evaluate(u, m1, m2)
            d1 = d1 + s * (df * d1 - C * xu * e1)
            d2 = d2 + s * (df * d2 - C * xw * e2)
            u, l1, l2, (d1, d2) = project(u + s * f, l1, l2, (d1, d2))
            if q == 0:
                x1, n1, n2 = u, l1, l2
        s = live_signs(l1, l2)
        f, _, e1, e2, _, _ = evaluate(u, m1, m2)
        m1 = m1 - eta * np.sum(s * (C * e1 + f * d1), axis=1)
        m2 = m2 - eta * np.sum(s * (C * e2 + f * d2), axis=1)
        x, live1, live2 = x1, n1, n2
    return m1, m2


def density_difference(x, m1, m2):
    g = lambda mu: np.exp(-0.5 * (x - mu) ** 2)
    return C * (g(T1) + g(T2) - g(m1[:, None]) - g(m2[:, None]))


def optimal_intervals(m1, m2, scan=400, bisections=60):
    """Ends (N,4) of {F > 0} (at most two intervals; +-inf allowed), from a sign scan plus bisection."""
    n = m1.shape[0]
    lo = np.minimum(np.minimum(m1, m2), T1) - 8.0
    hi = np.maximum(np.maximum(m1, m2), T2) + 8.0
    grid = lo[:, None] + (hi - lo)[:, None] * np.linspace(0.0, 1.0, scan)[None, :]
    sign = np.sign(density_difference(grid, m1, m2))
    change = sign[:, :-1] * sign[:, 1:] < 0
    zeros = np.full((n, 3), np.nan)
    count = np.zeros(n, dtype=int)
    rows, cols = np.nonzero(change)
    a, b = grid[rows, cols], grid[rows, cols + 1]
    sa = sign[rows, cols]
    mm1, mm2 = m1[rows], m2[rows]
    for _ in range(bisections):
        mid = 0.5 * (a + b)
        same = np.sign(density_difference(mid[:, None], mm1, mm2)[:, 0]) == sa
        a = np.where(same, mid, a)
        b = np.where(same, b, mid)
    roots = 0.5 * (a + b)
    for r, z in zip(rows, roots):  # at most 3 per row (Theorem A.2)
        if count[r] < 3:
            zeros[r, count[r]] = z
            count[r] += 1
    ends = np.zeros((n, 4))
    first_positive = sign[:, 0] > 0
    for r in range(n):
        pts = [-np.inf] + [zeros[r, i] for i in range(count[r])] + [np.inf]
        pos = [(pts[i], pts[i + 1]) for i in range(len(pts) - 1) if (i % 2 == 0) == first_positive[r]]
        if len(pos) == 0:
            ends[r] = 0.0
        elif len(pos) == 1:
            ends[r] = [pos[0][0], pos[0][1], pos[0][1], pos[0][1]]
        else:
            ends[r] = [pos[0][0], pos[0][1], pos[1][0], pos[1][1]]
    return ends


def optimal(m1, m2, steps, eta):
    for _ in range(steps):
        e = optimal_intervals(m1, m2)
        g = lambda x, mu: np.exp(-0.5 * (x - mu[:, None]) ** 2)
        s = SIGNS[None, :]
        m1, m2 = m1 - eta * C * np.sum(s * g(e, m1), axis=1), m2 - eta * C * np.sum(s * g(e, m2), axis=1)
    return m1, m2


def total_variation(m1, m2):
    """TV = P*(A) - Q(A) on the optimal set A (the same identity MlGan uses)."""
    e = optimal_intervals(m1, m2)
    return np.maximum(0.0, 0.5 * (mass(e, T1) + mass(e, T2)) - 0.5 * (mass(e, m1) + mass(e, m2)))


def mass(e, mu):
    """Standard-normal mass of the two intervals shifted by mu (scalar or per-row)."""
    return ndtr(e[:, 1] - mu) - ndtr(e[:, 0] - mu) + ndtr(e[:, 3] - mu) - ndtr(e[:, 2] - mu)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", type=int, default=21)
    ap.add_argument("--repeats", type=int, default=120)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--step-size", type=float, default=0.3)
    ap.add_argument("--unroll", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="optimal,unrolled,first_order")
    ap.add_argument("--json")
    args = ap.parse_args()
    if args.grid < 2 or args.repeats < 1 or args.steps < 1 or not args.step_size > 0:
        raise SystemExit("grid >= 2, repeats >= 1, steps >= 1, step-size > 0 required")
    coords = np.linspace(-1.0, 1.0, args.grid)
    gi, gj = np.meshgrid(np.arange(args.grid), np.arange(args.grid), indexing="ij")
    gi, gj = gi.ravel(), gj.ravel()
    rng = np.random.default_rng(args.seed)
    disc = np.sort(rng.uniform(-3.0, 3.0, size=(gi.size * args.repeats, 4)), axis=1)
    offdiag = gi != gj
    out = {}
    total = time.perf_counter()
    for kind in args.kinds.split(","):
        start, cpu = time.perf_counter(), time.process_time()
        if kind == "optimal":
            m1, m2 = optimal(coords[gi].copy(), coords[gj].copy(), args.steps, args.step_size)
            success = (total_variation(m1, m2) < 0.1).astype(float)
        else:
            m1 = np.repeat(coords[gi], args.repeats)
            m2 = np.repeat(coords[gj], args.repeats)
            x = disc.copy()
            live1, live2 = x[:, 1] > x[:, 0], x[:, 3] > x[:, 2]
            if kind == "first_order":
                m1, m2 = first_order(m1, m2, x, live1, live2, args.steps, args.step_size)
            elif kind == "unrolled":
                m1, m2 = unrolled(m1, m2, x, live1, live2, args.steps, args.step_size, args.unroll)
            else:
                raise SystemExit(f"unknown kind {kind}")
            success = (total_variation(m1, m2) < 0.1).astype(float).reshape(gi.size, args.repeats).mean(axis=1)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        out[kind] = float(success[offdiag].mean())
        out[kind + "_seconds"] = seconds
        out[kind + "_cpu_seconds"] = cpu
        print(f"{kind:12s} off-diagonal mean success {out[kind]:.4f}  {seconds:.1f} s wall, {cpu:.1f} s CPU", flush=True)
    out["seconds"] = time.perf_counter() - total
    print(f"total {out['seconds']:.1f} s")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(out, fh, indent=2)


if __name__ == "__main__":
    main()
