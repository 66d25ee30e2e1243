#!/usr/bin/python3
"""Batch-hard forward + backward: tripletgrad (composed and fused) beside PyTorch, measured in the same run.

    /usr/bin/python3 bench/batch_hard_vs_torch.py [--n 72,256,1024,4096] [--dim 128] [--threads 2]

Both sides time the same task: standard normal N x D float64 embeddings, labels i // 4, euclidean distances, hinge
margin 0.2, mean over valid anchors, then backward to the embeddings; each reports the median wall time after a
warm-up. PyTorch runs the usual vectorised formulation (the expansion |a|^2 - 2 a.b + |b|^2 with matmul, masks,
max/min over rows) with torch.set_num_threads(T). tripletgrad runs `./tripletgrad bench batch-hard --json`.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def torch_batch_hard(x, labels, margin=0.2):
    sq = (x * x).sum(1)
    d2 = torch.clamp(sq[:, None] - 2.0 * (x @ x.t()) + sq[None, :], min=0.0)
    zero = d2 == 0
    d = torch.where(zero, torch.zeros_like(d2), torch.sqrt(torch.where(zero, torch.ones_like(d2), d2)))
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(labels), dtype=torch.bool)
    pos = same & ~eye
    neg = ~same
    hardest_pos = torch.where(pos, d, torch.full_like(d, -float("inf"))).max(1).values
    hardest_neg = torch.where(neg, d, torch.full_like(d, float("inf"))).min(1).values
    valid = pos.any(1) & neg.any(1)
    return torch.relu(margin + hardest_pos - hardest_neg)[valid].mean()


def time_torch(n, dim, min_seconds):
    x0 = torch.randn(n, dim, dtype=torch.float64, generator=torch.Generator().manual_seed(n))
    labels = torch.arange(n) // 4

    def once():
        x = x0.clone().requires_grad_(True)
        torch_batch_hard(x, labels).backward()

    warm_end = time.perf_counter() + min_seconds / 3
    warm = 0
    while warm < 3 or time.perf_counter() < warm_end:
        once()
        warm += 1
    times = []
    end = time.perf_counter() + min_seconds
    while len(times) < 5 or time.perf_counter() < end:
        t = time.perf_counter()
        once()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def time_java(sizes, dim, threads, min_seconds):
    cmd = [os.path.join(ROOT, "tripletgrad"), "bench", "batch-hard", "--n", ",".join(map(str, sizes)),
           "--dim", str(dim), "--threads", str(threads), "--min-seconds", str(min_seconds), "--json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {(r["n"], r["impl"]): r["medianMicros"] for r in json.loads(out)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", default="72,256,1024,4096")
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--min-seconds", type=float, default=2.0)
    a = p.parse_args()
    sizes = [int(s) for s in a.n.split(",")]
    torch.set_num_threads(a.threads)
    java = time_java(sizes, a.dim, a.threads, a.min_seconds)
    print(f"batch-hard forward+backward, D = {a.dim}, {a.threads} threads, float64, median wall time; "
          f"PyTorch {torch.__version__}")
    print(f"| N | PyTorch | tripletgrad composed | tripletgrad fused | PyTorch / composed | PyTorch / fused |")
    print(f"|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        t = time_torch(n, a.dim, a.min_seconds)
        c = java[(n, "composed")]
        f = java[(n, "fused")]
        print(f"| {n} | {fmt(t)} | {fmt(c)} | {fmt(f)} | {t / c:.1f}x | {t / f:.1f}x |")


def fmt(micros):
    return f"{micros / 1000:.3f} ms" if micros >= 1000 else f"{micros:.0f} us"


if __name__ == "__main__":
    main()
