"""PyTorch reference for RbmCdBenchmark: CD-1 updates of a 784x500 Bernoulli RBM, batch 100.

The same update as the Java benchmark: P(h|v0), h ~ Bernoulli, v1 ~ P(v|h), P(h|v1), the five
matrix products, and SGD with momentum 0.5 and learning rate 1e-3. Prints examples per second for
each timed repetition. Needs Debian's python3-torch and libopenblas0-openmp; run it through
run-pytorch.sh, which sets the allocator and BLAS (docs/BENCHMARKS.md, "PyTorch in the same
window"):

    ebm-experiments/reference/run-pytorch.sh pytorch_rbm_cd1.py --dtype float32
"""
import argparse
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--updates", type=int, default=500, help="updates per repetition")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    dtype = getattr(torch, args.dtype)
    nv, nh, n = 784, 500, args.batch
    w = (0.01 * torch.randn(nv, nh)).to(dtype)
    b = torch.zeros(nv, dtype=dtype)
    c = torch.zeros(nh, dtype=dtype)
    vw, vb, vc = torch.zeros_like(w), torch.zeros_like(b), torch.zeros_like(c)
    v0 = (torch.rand(n, nv) < 0.15).to(dtype)
    lr, momentum = 1e-3, 0.5

    def update():
        ph0 = torch.sigmoid(torch.addmm(c, v0, w))
        h0 = torch.bernoulli(ph0)
        v1 = torch.bernoulli(torch.sigmoid(torch.addmm(b, h0, w.t())))
        ph1 = torch.sigmoid(torch.addmm(c, v1, w))
        # Gradient of the negative log-likelihood, as the Java estimator's (model minus data).
        gw = (v1.t() @ ph1 - v0.t() @ ph0) / n
        gb = (v1 - v0).mean(0)
        gc = (ph1 - ph0).mean(0)
        for param, velocity, grad in ((w, vw, gw), (b, vb, gb), (c, vc, gc)):
            velocity.mul_(momentum).add_(grad, alpha=-lr)
            param.add_(velocity)

    with torch.no_grad():
        for _ in range(50):
            update()
        for _ in range(args.repetitions):
            start = time.perf_counter()
            for _ in range(args.updates):
                update()
            seconds = time.perf_counter() - start
            print(f"{args.dtype} batch {n}: {args.updates * n / seconds:,.0f} examples/s")


if __name__ == "__main__":
    main()
