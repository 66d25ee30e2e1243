#!/usr/bin/python3
"""Writes the golden cases for the triplet loss, computed by PyTorch autograd in float64.

Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 tests/golden/make_golden.py

Each case is a folder under tests/src/test/resources/golden/ with embeddings.npy (N x D, float64), labels.npy
(N, int64) and expected.json (the configuration, the loss, the batch-hard triplets and the gradient of the loss with
respect to the embeddings). The list of cases is index.txt in the same folder.

The reference below is written from the definitions in Hermans, Beyer and Leibe, "In Defense of the Triplet Loss for
Person Re-Identification" (2017): distances from differences of rows, mining by scanning each anchor's row, one term
per triplet. It shares no code or formulation with the Java implementation (which expands |a|^2 - 2 a.b + |b|^2 and
mines with masks).
"""
import json
import math
import os
import shutil

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "golden")
EPS = 1e-12


def distance(x, a, b, metric):
    """d(x[a], x[b]) from its definition; a zero Euclidean distance has gradient 0 (the subgradient chosen)."""
    if metric == "cosine":
        na = torch.clamp(torch.sqrt(torch.sum(x[a] * x[a])), min=EPS)
        nb = torch.clamp(torch.sqrt(torch.sum(x[b] * x[b])), min=EPS)
        return 1.0 - torch.sum(x[a] * x[b]) / (na * nb)
    diff = x[a] - x[b]
    sq = torch.sum(diff * diff)
    if metric == "sqeuclidean":
        return sq
    if sq.item() == 0.0:
        return sq * 0.0
    return torch.sqrt(sq)


def term(gap, margin, soft):
    if soft:
        return torch.logaddexp(torch.zeros_like(gap), gap)
    return torch.relu(margin + gap)


def reference(x, labels, metric, mining, margin, soft, reduction):
    n = len(labels)
    dist = [[distance(x, a, b, metric) for b in range(n)] for a in range(n)]
    value = [[dist[a][b].item() for b in range(n)] for a in range(n)]
    terms = []
    triplets = []
    for a in range(n):
        positives = [p for p in range(n) if p != a and labels[p] == labels[a]]
        negatives = [q for q in range(n) if labels[q] != labels[a]]
        if not positives or not negatives:
            continue
        if mining == "batch-hard":
            p = positives[0]
            for j in positives:
                if value[a][j] > value[a][p]:
                    p = j
            q = negatives[0]
            for j in negatives:
                if value[a][j] < value[a][q]:
                    q = j
            triplets.append([a, p, q])
            terms.append(term(dist[a][p] - dist[a][q], margin, soft))
        else:
            for p in positives:
                for q in negatives:
                    terms.append(term(dist[a][p] - dist[a][q], margin, soft))
    if not terms:
        return (x * 0.0).sum(), triplets
    total = torch.stack(terms).sum()
    if reduction == "sum":
        return total, triplets
    if reduction == "mean":
        return total / len(terms), triplets
    positive = sum(1 for t in terms if t.item() > 0)
    return (total / positive if positive else total * 0.0), triplets


def write_case(name, x, labels, metric="euclidean", mining="batch-hard", margin=0.2, soft=False, reduction=None):
    if reduction is None:
        reduction = "mean" if mining == "batch-hard" else "mean-nonzero"
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    xt = torch.tensor(x, requires_grad=True)
    loss, triplets = reference(xt, [int(v) for v in labels], metric, mining, margin, soft, reduction)
    loss.backward()
    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    np.save(os.path.join(folder, "embeddings.npy"), x)
    np.save(os.path.join(folder, "labels.npy"), labels)
    expected = {
        "metric": metric, "mining": mining, "soft": soft, "margin": margin, "reduction": reduction,
        "loss": loss.item(), "gradient": xt.grad.tolist(),
    }
    if mining == "batch-hard":
        expected["triplets"] = triplets
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    return name


def pk(p, k):
    return [i // k for i in range(p * k)]


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    rng = np.random.default_rng(20170322)
    names = []
    for metric in ("euclidean", "sqeuclidean", "cosine"):
        for reduction in ("mean", "sum", "mean-nonzero"):
            names.append(write_case(f"pk-hard-{metric}-{reduction}", rng.standard_normal((16, 8)), pk(4, 4),
                                    metric, "batch-hard", 0.5, False, reduction))
            names.append(write_case(f"pk-all-{metric}-{reduction}", rng.standard_normal((12, 5)), pk(3, 4),
                                    metric, "batch-all", 0.5, False, reduction))
        names.append(write_case(f"pk-hard-{metric}-soft", rng.standard_normal((15, 6)), pk(5, 3), metric,
                                "batch-hard", 0.2, True))
        names.append(write_case(f"pk-all-{metric}-soft", rng.standard_normal((9, 4)), pk(3, 3), metric,
                                "batch-all", 0.2, True, "mean"))
    grid = rng.integers(0, 3, size=(12, 2)).astype(np.float64)
    names.append(write_case("ties-grid-euclidean", grid, pk(3, 4), "euclidean", "batch-hard", 1.0))
    names.append(write_case("ties-grid-sqeuclidean", grid, pk(4, 3), "sqeuclidean", "batch-hard", 1.0, False, "sum"))
    names.append(write_case("ties-grid-all", grid, pk(3, 4), "euclidean", "batch-all", 1.0))
    dup = rng.standard_normal((10, 4))
    dup[3] = dup[0]
    dup[7] = dup[1]
    dup[9] = dup[8]
    names.append(write_case("duplicates-euclidean", dup, [0, 0, 1, 1, 1, 2, 2, 0, 2, 2], "euclidean"))
    names.append(write_case("duplicates-soft", dup, [0, 0, 1, 1, 1, 2, 2, 0, 2, 2], "euclidean", soft=True))
    names.append(write_case("no-positive-anchors", rng.standard_normal((7, 3)), [0, 1, 1, 4, 3, 5, 5]))
    names.append(write_case("single-class", rng.standard_normal((6, 3)), [2] * 6))
    names.append(write_case("all-distinct", rng.standard_normal((6, 3)), list(range(6)), mining="batch-all"))
    collapsed = np.tile(rng.standard_normal((1, 5)), (8, 1))
    names.append(write_case("collapsed-hinge", collapsed, pk(4, 2), "euclidean", "batch-hard", 0.3))
    names.append(write_case("collapsed-soft", collapsed, pk(4, 2), "euclidean", "batch-hard", 0.2, True))
    names.append(write_case("collapsed-all-soft", collapsed, pk(2, 4), "sqeuclidean", "batch-all", 0.2, True))
    gap = np.array([[0.0, 0.0], [100.0, 0.0], [0.5, 0.0], [-0.75, 0.0]])
    names.append(write_case("huge-soft-gap", gap, [0, 0, 1, 1], "euclidean", "batch-hard", 0.2, True, "sum"))
    names.append(write_case("scale-1e4", 1e4 * rng.standard_normal((12, 6)), pk(3, 4), "euclidean"))
    names.append(write_case("scale-1e4-cosine", 1e4 * rng.standard_normal((12, 6)), pk(3, 4), "cosine"))
    names.append(write_case("scale-1e-4", 1e-4 * rng.standard_normal((12, 6)), pk(3, 4), "euclidean",
                            "batch-hard", 1e-4))
    names.append(write_case("scale-1e-4-all", 1e-4 * rng.standard_normal((8, 3)), pk(2, 4), "sqeuclidean",
                            "batch-all", 1e-9, False, "sum"))
    with open(os.path.join(OUT, "index.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"wrote {len(names)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
