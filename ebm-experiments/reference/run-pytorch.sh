#!/bin/sh
# Runs a PyTorch reference script with the settings that let Debian's python3-torch 1.13 reach
# its speed on these 2-core VMs (docs/BENCHMARKS.md, "PyTorch in the same window"):
# - glibc malloc keeps freed tensors instead of unmapping them (each fresh page is an expensive
#   fault here): 3.4-4.5k -> 6.5-7.3k CD-1 examples/s;
# - OpenBLAS's OpenMP build, so PyTorch's and OpenBLAS's threads are one pool instead of two
#   fighting over two cores: -> 20.3-20.9k.
# Usage: ebm-experiments/reference/run-pytorch.sh pytorch_rbm_cd1.py --dtype float32
set -e
here=$(dirname "$0")
script=$1
shift
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
exec /usr/bin/python3 "$here/$script" "$@"
