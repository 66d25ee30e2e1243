#!/usr/bin/env python3
"""Train tripletgrad's default embedding model with plain PyTorch, to set its epoch time and figures beside ours.

The model, data, sampler, loss and schedule are those of ``./tripletgrad train``'s default recipe, written with
ordinary PyTorch tensors so that the seconds per epoch can be compared on the same model, batch and thread count.

Data: the four Fashion-MNIST IDX files (gzip'd or plain) in ``--data``. Pixels are scaled to [0, 1], then
standardised with the mean and standard deviation of all training pixels (one scalar each).

Model: Linear(784, 256), ReLU, Linear(256, 128), then each embedding is divided by its Euclidean norm. Weights and
biases start uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)].

Batches: P classes drawn without replacement, then K images of each class drawn without replacement; an epoch is
``--batches`` batches.

Distances: d(i, j) = sqrt(relu(|e_i|^2 + |e_j|^2 - 2 e_i . e_j)), with a zero derivative where the squared
distance is exactly 0.

Loss (Hermans, Beyer, Leibe 2017, with a hardness curriculum): for each anchor a, P(a) is the set of other rows with
a's label and N(a) the rows with another label; hinge(x) = max(0, margin + x).
  batch hard: L_BH = mean_a hinge(max_{p in P(a)} d(a, p) - min_{n in N(a)} d(a, n)), ties to the lowest index;
  batch all:  L_BA = sum over all (a, p in P(a), n in N(a)) of hinge(d(a, p) - d(a, n)), divided by the number of
              those terms that are non-zero (by 1 when none is);
  loss at step t (0-based) = (1 - w) L_BA + w L_BH, with w = min(1, t / (ramp_epochs * batches)):
  pure batch hard from the end of the ramp on (L_BA is not computed once w = 1); ``--ramp-epochs 0`` trains
  plain batch hard from the first step.
Optimiser: Adam (beta 0.9, 0.999, eps 1e-8). Learning rate lr0 up to step t0 = decay_start * batches, then
lr0 * 0.001^((t - t0) / (t1 - t0)) with t1 = decay_end * batches, as in the paper.

Evaluation after each epoch on the test set (first ``--limit-test`` images), Euclidean, in float64:
precision@1 = leave-one-out nearest neighbour has the query's label; mAP = mean over queries of the average
precision of the ranking of all other test images (ties in order of index).

Defaults: P = 10, K = 8, 750 batches an epoch, 10 epochs, lr0 = 3e-4, margin 0.2, ramp over 5 epochs, decay
from epoch 5 to epoch 10, seed 1.

Seconds per epoch cover the training steps only (sampling, forward, backward, update), not the evaluation.

Example:
    python3 bench/torch_train_reference.py --threads 1 --epochs 10
    python3 bench/torch_train_reference.py --threads 2 --epochs 1 --no-eval --dtype float64
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch

IMAGE_MAGIC = 0x00000803
LABEL_MAGIC = 0x00000801


def read_idx(folder, stem, magic):
    """Reads one IDX file (``stem`` or ``stem.gz`` in ``folder``) as a uint8 array, checking the magic number."""
    path = os.path.join(folder, stem)
    if not os.path.exists(path):
        path += '.gz'
    if not os.path.exists(path):
        raise SystemExit(f'{stem}: not found in {folder} (install dataset-fashion-mnist or pass --data DIR)')
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    found = int.from_bytes(raw[0:4], 'big')
    if found != magic:
        raise ValueError(f'{path}: expected IDX magic 0x{magic:08x}, found 0x{found:08x}')
    rank = magic & 0xff
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(rank)]
    body = 4 + 4 * rank
    if len(raw) - body != math.prod(dims):
        raise ValueError(f'{path}: header promises {math.prod(dims)} bytes, file holds {len(raw) - body}')
    return np.frombuffer(raw, np.uint8, offset=body).reshape(dims)


def load(folder, prefix):
    """Returns (images as float64 rows scaled to [0, 1], labels as int64) of the ``train`` or ``t10k`` split."""
    images = read_idx(folder, f'{prefix}-images-idx3-ubyte', IMAGE_MAGIC)
    labels = read_idx(folder, f'{prefix}-labels-idx1-ubyte', LABEL_MAGIC)
    if len(images) != len(labels):
        raise ValueError(f'{prefix}: {len(images)} images but {len(labels)} labels')
    return images.reshape(len(images), -1).astype(np.float64) / 255.0, labels.astype(np.int64)


def build_model(dims, dtype, seed):
    """The MLP dims[0] -> dims[1] -> ... with ReLU between layers, uniform(+-1/sqrt(fan_in)) weights and biases."""
    generator = torch.Generator().manual_seed(seed)
    layers = []
    for i in range(len(dims) - 1):
        linear = torch.nn.Linear(dims[i], dims[i + 1]).to(dtype)
        bound = 1.0 / math.sqrt(dims[i])
        with torch.no_grad():
            linear.weight.uniform_(-bound, bound, generator=generator)
            linear.bias.uniform_(-bound, bound, generator=generator)
        layers.append(linear)
        if i < len(dims) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def pairwise_distances(e):
    """Euclidean distances between rows by the expansion; the derivative is 0 where the squared distance is 0."""
    sq = (e * e).sum(1)
    d2 = torch.relu(sq[:, None] + sq[None, :] - 2.0 * (e @ e.t()))
    nonzero = d2 > 0
    safe = torch.where(nonzero, d2, torch.ones_like(d2))
    return torch.where(nonzero, torch.sqrt(safe), torch.zeros_like(d2))


def first_index_of(values, target):
    """Per row, the lowest column index whose value equals that row's target."""
    columns = torch.arange(values.shape[1]).expand_as(values)
    sentinel = torch.full_like(columns, values.shape[1])
    return torch.where(values == target[:, None], columns, sentinel).min(1).values


def triplet_losses(e, labels, margin, with_all):
    """Returns (batch-hard loss, batch-all loss or None unless with_all, fraction of anchors whose hardest
    triplet violates the margin)."""
    d = pairwise_distances(e)
    n = len(labels)
    same = labels[:, None] == labels[None, :]
    positive = same & ~torch.eye(n, dtype=torch.bool)
    negative = ~same
    valid = positive.any(1) & negative.any(1)

    pos_d = torch.where(positive, d, torch.full_like(d, -1.0))
    hardest_p = d.gather(1, first_index_of(pos_d, pos_d.max(1).values)[:, None])[:, 0]
    neg_d = torch.where(negative, d, torch.full_like(d, math.inf))
    hardest_n = d.gather(1, first_index_of(neg_d, neg_d.min(1).values)[:, None])[:, 0]
    hard_terms = torch.relu(margin + hardest_p - hardest_n)[valid]
    hard = hard_terms.mean()
    active = (hard_terms > 0).double().mean().item()
    if not with_all:
        return hard, None, active

    triplet = positive[:, :, None] & negative[:, None, :]
    all_terms = torch.relu(margin + d[:, :, None] - d[:, None, :]) * triplet
    nonzero = torch.clamp((all_terms > 0).sum(), min=1)
    every = all_terms.sum() / nonzero
    return hard, every, active


def learning_rate(step, args):
    """lr0 until decay_start epochs, then exponential decay reaching lr0 / 1000 at decay_end epochs."""
    t0 = args.decay_start * args.batches
    t1 = args.decay_end * args.batches
    if step <= t0 or t1 <= t0:
        return args.lr
    return args.lr * 0.001 ** ((step - t0) / (t1 - t0))


def evaluate(embeddings, labels, chunk=1000):
    """(precision@1, mAP) of the test embeddings against each other, Euclidean, computed in float64."""
    e = embeddings.double()
    y = torch.as_tensor(labels)
    n = len(e)
    sq = (e * e).sum(1)
    hits = 0.0
    average_precisions = []
    ranks = torch.arange(1, n, dtype=torch.float64)
    for start in range(0, n, chunk):
        rows = torch.arange(start, min(start + chunk, n))
        d2 = sq[rows, None] + sq[None, :] - 2.0 * (e[rows] @ e.t())
        d2[torch.arange(len(rows)), rows] = math.inf
        order = torch.sort(d2, dim=1, stable=True).indices[:, :n - 1]
        relevant = (y[order] == y[rows][:, None]).double()
        hits += relevant[:, 0].sum().item()
        precision = relevant.cumsum(1) / ranks
        average_precisions.append((precision * relevant).sum(1) / relevant.sum(1))
    return hits / n, torch.cat(average_precisions).mean().item()


def embed(model, x):
    """L2-normalised embeddings of the rows of x, computed without a graph in blocks of 2000 rows."""
    with torch.no_grad():
        return torch.nn.functional.normalize(torch.cat([model(x[i:i + 2000]) for i in range(0, len(x), 2000)]),
                                             dim=1)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--data', default='/usr/share/datasets/fashion-mnist', help='folder with the four IDX files')
    p.add_argument('--dtype', choices=['float32', 'float64'], default='float32')
    p.add_argument('--threads', type=int, default=1, help='torch.set_num_threads')
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--batches', type=int, default=750, help='batches per epoch')
    p.add_argument('--p', type=int, default=10, help='classes per batch')
    p.add_argument('--k', type=int, default=8, help='images per class in a batch')
    p.add_argument('--hidden', type=int, default=256)
    p.add_argument('--dim', type=int, default=128)
    p.add_argument('--lr', type=float, default=3e-4)
    p.add_argument('--margin', type=float, default=0.2)
    p.add_argument('--ramp-epochs', type=float, default=5.0, help='batch all -> batch hard ramp; 0: batch hard')
    p.add_argument('--decay-start', type=float, default=5.0, help='epoch where the lr decay starts')
    p.add_argument('--decay-end', type=float, default=10.0, help='epoch where the lr reaches lr / 1000')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--limit-test', type=int, default=10000, help='evaluate on the first N test images')
    p.add_argument('--no-eval', action='store_true', help='evaluate after the last epoch only')
    p.add_argument('--json', action='store_true', help='print one JSON object at the end')
    args = p.parse_args(argv)
    if args.p < 2 or args.k < 2 or args.p > 10:
        p.error(f'need 2 <= P <= 10 and K >= 2, got P={args.p} K={args.k}')
    return args


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    dtype = torch.float64 if args.dtype == 'float64' else torch.float32

    x_train, y_train = load(args.data, 'train')
    x_test, y_test = load(args.data, 't10k')
    mean, std = x_train.mean(), x_train.std()
    x_train = torch.tensor((x_train - mean) / std, dtype=dtype)
    x_test = torch.tensor((x_test[:args.limit_test] - mean) / std, dtype=dtype)
    y_test = y_test[:args.limit_test]
    labels = torch.tensor(y_train)
    by_class = [np.flatnonzero(y_train == c) for c in range(10)]

    model = build_model([784, args.hidden, args.dim], dtype, args.seed)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    rng = np.random.default_rng(args.seed)
    ramp_steps = args.ramp_epochs * args.batches
    print(f'torch {torch.__version__} {args.dtype} threads={torch.get_num_threads()} P={args.p} K={args.k} '
          f'batches={args.batches} lr={args.lr} margin={args.margin} ramp={args.ramp_epochs} '
          f'decay=[{args.decay_start}, {args.decay_end}]', flush=True)

    step = 0
    history = []
    for epoch in range(1, args.epochs + 1):
        losses, active = 0.0, 0.0
        started = time.perf_counter()
        for _ in range(args.batches):
            classes = rng.choice(10, args.p, replace=False)
            rows = np.concatenate([rng.choice(by_class[c], args.k, replace=False) for c in classes])
            weight = min(1.0, step / ramp_steps) if ramp_steps > 0 else 1.0
            for group in optimiser.param_groups:
                group['lr'] = learning_rate(step, args)
            e = torch.nn.functional.normalize(model(x_train[rows]), dim=1)
            hard, every, act = triplet_losses(e, labels[rows], args.margin, weight < 1.0)
            loss = hard if weight >= 1.0 else (1.0 - weight) * every + weight * hard
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses += loss.item()
            active += act
            step += 1
        seconds = time.perf_counter() - started

        record = dict(epoch=epoch, loss=losses / args.batches, activeFraction=active / args.batches,
                      seconds=seconds)
        if not args.no_eval or epoch == args.epochs:
            record['precisionAt1'], record['mAP'] = evaluate(embed(model, x_test), y_test)
        history.append(record)
        shown = ' '.join(f'{k}={v:.4f}' for k, v in record.items() if k != 'epoch')
        print(f'epoch {epoch} {shown}', flush=True)

    per_epoch = sum(r['seconds'] for r in history) / len(history)
    final = history[-1]
    print(f'seconds/epoch {per_epoch:.2f}  final precision@1 {final["precisionAt1"]:.4f}  mAP {final["mAP"]:.4f}')
    if args.json:
        print(json.dumps(dict(settings=vars(args), epochs=history, secondsPerEpoch=per_epoch)))


if __name__ == '__main__':
    main(sys.argv[1:])
