"""PyTorch reference for NeuralScoreMatchingBenchmark: training steps of an MLP energy 2-128-128-1.

SiLU, batch 256, Adam (learning rate 1e-3), float32, data from 8 Gaussians. Estimators as in the
Java benchmark: dsm (sigma 0.1), ssm (one Rademacher projection), exact (Hessian trace, one
backward pass per dimension), cd-20 (chains from the batch, 20 Langevin steps of size 0.1).
Derivatives through autograd, as a PyTorch user writes them. Prints steps per second for each
timed repetition. Needs Debian's python3-torch and libopenblas0-openmp; run it through
run-pytorch.sh (docs/BENCHMARKS.md, "PyTorch in the same window"):

    ebm-experiments/reference/run-pytorch.sh pytorch_mlp_steps.py --estimator dsm
"""
import argparse
import math
import time

import torch


def energy_net(dimension):
    return torch.nn.Sequential(
        torch.nn.Linear(dimension, 128), torch.nn.SiLU(),
        torch.nn.Linear(128, 128), torch.nn.SiLU(),
        torch.nn.Linear(128, 1))


def score(f, x, create_graph):
    """grad_x f(x) for the log-density f (P proportional to exp f)."""
    return torch.autograd.grad(f(x).sum(), x, create_graph=create_graph)[0]


def dsm_loss(f, x, sigma=0.1):
    noise = torch.randn_like(x)
    noisy = (x + sigma * noise).requires_grad_(True)
    s = score(f, noisy, True)
    return 0.5 * ((s + noise / sigma) ** 2).sum(1).mean()


def ssm_loss(f, x):
    x = x.clone().requires_grad_(True)
    v = torch.randint(0, 2, x.shape, dtype=x.dtype) * 2 - 1
    s = score(f, x, True)
    sv = (s * v).sum()
    hessian_v = torch.autograd.grad(sv, x, create_graph=True)[0]
    return ((hessian_v * v).sum(1) + 0.5 * ((s * v).sum(1) ** 2)).mean()


def exact_loss(f, x):
    x = x.clone().requires_grad_(True)
    s = score(f, x, True)
    trace = sum(torch.autograd.grad(s[:, i].sum(), x, create_graph=True)[0][:, i]
                for i in range(x.shape[1]))
    return (trace + 0.5 * (s ** 2).sum(1)).mean()


def cd_loss(f, x, steps=20, step_size=0.1):
    chains = x.clone()
    for _ in range(steps):
        chains.requires_grad_(True)
        s = score(f, chains, False)
        chains = (chains + step_size * s
                  + math.sqrt(2 * step_size) * torch.randn_like(chains)).detach()
    return f(chains).mean() - f(x).mean()


LOSSES = {"dsm": dsm_loss, "ssm": ssm_loss, "exact": exact_loss, "cd-20": cd_loss}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--estimator", choices=sorted(LOSSES), default="dsm")
    parser.add_argument("--seconds", type=float, default=3.0, help="per repetition")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    angles = 2 * math.pi * torch.randint(0, 8, (256,)) / 8
    x = 4 * torch.stack([angles.cos(), angles.sin()], 1) + torch.randn(256, 2)
    f = energy_net(2)
    adam = torch.optim.Adam(f.parameters(), lr=1e-3)
    loss = LOSSES[args.estimator]

    def step():
        adam.zero_grad()
        loss(lambda y: f(y).squeeze(1), x).backward()
        adam.step()

    for _ in range(20):
        step()
    for _ in range(args.repetitions):
        steps, start = 0, time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            step()
            steps += 1
        print(f"{args.estimator}: {steps / (time.perf_counter() - start):,.0f} steps/s")


if __name__ == "__main__":
    main()
