#!/usr/bin/python3
"""Seconds per training epoch: tripletgrad (float64) beside PyTorch 1.13 (float32 and float64), in one run.

Both sides train the default model (784-256-128 MLP, PK batches of 10 x 8, 750 batches an epoch, Adam) for one
epoch on Fashion-MNIST, with the same thread count, and report the seconds of the 750 training steps (evaluation
excluded). Two kinds of epoch are timed: a plain batch-hard epoch (--curriculum-epochs 0 / --ramp-epochs 0) and a
curriculum epoch, where the loss mixes batch-all and batch-hard as the default recipe's first epochs do.

Usage: bench/compare_epoch.py [--threads 1,2] [--kinds hard,curriculum]
PyTorch runs bench/torch_train_reference.py; tripletgrad runs ./tripletgrad train --json.
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAMP = {"hard": "0", "curriculum": "5"}


def last_json(text):
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("no JSON object in the output:\n" + text[-2000:])


def torch_seconds(kind, threads, dtype):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "torch_train_reference.py"), "--epochs", "1",
                          "--ramp-epochs", RAMP[kind], "--threads", str(threads), "--dtype", dtype,
                          "--limit-test", "1000", "--json"], check=True, capture_output=True, text=True).stdout
    return last_json(out)["epochs"][0]["seconds"]


def tripletgrad_seconds(kind, threads, out_dir):
    out = subprocess.run([os.path.join(ROOT, "tripletgrad"), "train", "--epochs", "1", "--curriculum-epochs",
                          RAMP[kind], "--threads", str(threads), "--limit-test", "1000", "--json",
                          "--out", out_dir], check=True, capture_output=True, text=True).stdout
    return last_json(out)["epochs"][0]["seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--kinds", default="hard,curriculum")
    args = ap.parse_args()
    rows = []
    for kind in args.kinds.split(","):
        for t in [int(v) for v in args.threads.split(",")]:
            tg = tripletgrad_seconds(kind, t, os.path.join("/tmp", f"tripletgrad-epoch-{kind}-{t}"))
            f32 = torch_seconds(kind, t, "float32")
            f64 = torch_seconds(kind, t, "float64")
            rows.append((kind, t, tg, f32, f64))
            print(f"{kind:>10} {t:>7} {tg:>12.1f} {f32:>14.1f} {f64:>14.1f} {f32 / tg:>10.2f}", flush=True)
    print()
    print(f"{'epoch':>10} {'threads':>7} {'tripletgrad':>12} {'torch float32':>14} {'torch float64':>14}"
          f" {'f32 / tg':>10}")
    for kind, t, tg, f32, f64 in rows:
        print(f"{kind:>10} {t:>7} {tg:>12.1f} {f32:>14.1f} {f64:>14.1f} {f32 / tg:>10.2f}")


if __name__ == "__main__":
    main()
