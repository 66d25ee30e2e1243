# Writes pytorch_golden.txt: a parameter of 12 elements after each of 10 updates by torch.optim in float64, as hex
# floats. Run with PyTorch 1.13: /usr/bin/python3 pytorch_golden.py > pytorch_golden.txt
# Start p[i] = (i - 5.5) / 4; the gradient at update t (0-based) is g[i] = (0.3 * (t + 1) - 0.11 * i) / (1.5 + 0.25 * (t * i)).
import torch

torch.set_num_threads(1)
N, STEPS = 12, 10


def run(make):
    p = torch.tensor([(i - 5.5) / 4 for i in range(N)], dtype=torch.float64, requires_grad=True)
    opt = make([p])
    rows = []
    for t in range(STEPS):
        g = torch.tensor([(0.3 * (t + 1) - 0.11 * i) / (1.5 + 0.25 * (t * i)) for i in range(N)],
                         dtype=torch.float64)
        opt.zero_grad()
        (p * g).sum().backward()
        opt.step()
        rows.append(" ".join(x.hex() for x in p.detach().tolist()))
    return rows


CASES = [
    ("adam", lambda ps: torch.optim.Adam(ps, lr=1e-2)),
    ("adam_wd", lambda ps: torch.optim.Adam(ps, lr=1e-2, weight_decay=0.1)),
    ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1)),
    ("sgd_m", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
    ("sgd_m_wd", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01)),
]
print("# torch", torch.__version__)
for name, make in CASES:
    for row in run(make):
        print(name, row)
