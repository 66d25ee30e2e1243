#!/usr/bin/python3
"""Square float64 matmul: tripletgrad's two kernels beside PyTorch (OpenBLAS), measured in one run.

For each kernel thread count T it times PyTorch's torch.mm with torch.set_num_threads(T), then runs
`tripletgrad bench matmul --json` with --impl vector and --impl scalar, and prints one table of median GFLOP/s
with the ratio of each tripletgrad kernel to PyTorch. The machine's other load moves every figure; the ratios
within one run are what to compare. With --rounds R the whole sequence runs R times and the table gives, per cell,
the median over the rounds of the GFLOP/s and of the ratio measured within each round.

Usage: bench/compare_matmul.py [--size 256,1024,2048] [--threads 1,2] [--seconds 3] [--rounds 1]
Needs PyTorch for /usr/bin/python3 and builds the tripletgrad jar through the ./tripletgrad launcher.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def positive_list(text):
    values = [int(v) for v in text.split(",") if v.strip()]
    if not values or any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError("expected positive integers separated by commas, got " + text)
    return values


def torch_gflops(torch, n, threads, seconds):
    """Median GFLOP/s of torch.mm on n x n float64 matrices, after a warm-up of a third of the time box."""
    torch.set_num_threads(threads)
    gen = torch.Generator().manual_seed(n)
    a = torch.rand(n, n, dtype=torch.float64, generator=gen)
    b = torch.rand(n, n, dtype=torch.float64, generator=gen)
    c = torch.empty(n, n, dtype=torch.float64)
    end = time.perf_counter() + seconds / 3
    torch.mm(a, b, out=c)
    while time.perf_counter() < end:
        torch.mm(a, b, out=c)
    rates = []
    end = time.perf_counter() + seconds
    while len(rates) < 3 or time.perf_counter() < end:
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        rates.append(2.0 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    return statistics.median(rates)


def tripletgrad_gflops(sizes, threads, impl, seconds):
    """{size: GFLOP/s} from `tripletgrad bench matmul --json`."""
    command = [os.path.join(ROOT, "tripletgrad"), "bench", "matmul", "--size", ",".join(map(str, sizes)),
               "--threads", str(threads), "--impl", impl, "--seconds", str(seconds), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("compare_matmul: " + " ".join(command) + " failed: " + done.stderr.strip())
    rows = json.loads(done.stdout)
    return {row["size"]: row["gflops"] for row in rows if row["impl"] == impl and row["threads"] == threads}


def blas_library():
    """The BLAS shared library this process mapped, read from /proc/self/maps."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(os.path.realpath(n) for n in names)) or "unknown"
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description="tripletgrad matmul beside PyTorch/OpenBLAS, float64.")
    parser.add_argument("--size", type=positive_list, default=[256, 1024, 2048])
    parser.add_argument("--threads", type=positive_list, default=[1, 2])
    parser.add_argument("--seconds", type=float, default=3.0, help="time box per size and library")
    parser.add_argument("--rounds", type=int, default=1, help="repeat everything this many times")
    args = parser.parse_args()
    if args.rounds < 1 or args.seconds <= 0:
        parser.error("--rounds and --seconds must be positive")

    import torch

    cells = {}
    for _ in range(args.rounds):
        for t in args.threads:
            blas = {n: torch_gflops(torch, n, t, args.seconds) for n in args.size}
            vector = tripletgrad_gflops(args.size, t, "vector", args.seconds)
            scalar = tripletgrad_gflops(args.size, t, "scalar", args.seconds)
            for n in args.size:
                cells.setdefault((n, t), []).append((blas[n], vector[n], scalar[n]))

    print("float64 matmul, median GFLOP/s over %d round(s); PyTorch %s, BLAS: %s"
          % (args.rounds, torch.__version__, blas_library()))
    header = "%6s %7s %10s %10s %8s %10s %8s" % ("size", "threads", "OpenBLAS", "vector", "ratio", "scalar", "ratio")
    print(header)
    print("-" * len(header))
    for (n, t), runs in sorted(cells.items()):
        def med(f):
            return statistics.median(f(r) for r in runs)
        print("%6d %7d %10.2f %10.2f %8.2f %10.2f %8.2f" % (
            n, t, med(lambda r: r[0]), med(lambda r: r[1]), med(lambda r: r[1] / r[0]),
            med(lambda r: r[2]), med(lambda r: r[2] / r[0])))


if __name__ == "__main__":
    main()
