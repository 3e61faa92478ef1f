"""Paths, seeds, model and training configuration, and logging shared by every subcommand."""

import os
import random
import sys
from pathlib import Path

import numpy as np


REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = REPO_ROOT / "models" / "tiny-clip"
CACHE = Path(os.environ.get("MODEL_TOOLS_CACHE", Path.home() / ".cache" / "imagesearch-models"))
WORK = CACHE / "tiny-clip-work"

MODEL_ID = "tiny-clip-v1"
SEED = 20261124
TRAIN_SEED = SEED + 1
HELDOUT_SEED = SEED + 2
N_TRAIN = 30000
N_HELDOUT = 200
IMAGE_SIZE = 64
CONTEXT_LENGTH = 77
PAD_ID = 0
SOT_ID = 49406
EOT_ID = 49407
MEAN = (0.48145466, 0.4578275, 0.40821073)  # OpenAI CLIP mean/std (open_clip OPENAI_DATASET_MEAN/STD)
STD = (0.26862954, 0.26130258, 0.27577711)

MODEL_CFG = {
    "embed_dim": 64,
    "vision_cfg": {
        "image_size": IMAGE_SIZE,
        "layers": 4,
        "width": 64,
        "head_width": 32,
        "mlp_ratio": 4.0,
        "patch_size": 8,
    },
    "text_cfg": {
        "context_length": CONTEXT_LENGTH,
        "vocab_size": 49408,
        "width": 16,
        "heads": 2,
        "layers": 3,
        "mlp_ratio": 4.0,
    },
}

TRAIN_CFG = {
    "steps": 1200,
    "batch_size": 256,
    "lr": 2e-3,
    "warmup_steps": 100,
    "weight_decay": 0.05,
    # One intra-op thread: on a shared 2-core box OpenMP with 2 threads was ~10x slower under contention,
    # and a single thread makes the run bit-reproducible independently of the core count.
    "threads": 1,
}


def log(msg):
    print(f"[tiny-clip] {msg}", file=sys.stderr, flush=True)


def seed_everything(seed):
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    # Never use nn.MultiheadAttention's fused inference fast path: it cannot be exported to ONNX (immich's
    # exporter disables it too), and disabling it everywhere keeps eval, export and fixtures on one graph.
    torch.backends.mha.set_fastpath_enabled(False)
