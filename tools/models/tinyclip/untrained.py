"""A variant's architecture with the seeded weights its training starts from, exported the same way
(subcommand `untrained`): a deliberately worse model, for tests that must see a recall gate refuse one."""

import json
import time
from pathlib import Path

from .common import CONTEXT_LENGTH, IMAGE_SIZE, SEED, WORK, log, seed_everything
from .export import dir_sizes, export_model, write_model_json
from .model import build_model, evaluate, get_tokenizer
from .render import cmd_render, load_split


def cmd_untrained(args):
    import torch
    torch.set_num_threads(args.threads)
    variant = args.variant
    # Seeded exactly as `train` is before it builds the model, so these are its step-0 weights.
    seed_everything(SEED)
    if not (WORK / "heldout_images.npy").exists():
        cmd_render(args)
    model = build_model(variant.model_cfg).eval()
    h_imgs, h_caps = load_split("heldout")
    metrics, _, _ = evaluate(model, h_imgs, h_caps, get_tokenizer())
    out = Path(args.out)
    t0 = time.time()
    parity = export_model(model, out, IMAGE_SIZE, CONTEXT_LENGTH, variant.model_cfg)
    summary = {"heldout": metrics, "steps": 0, "batch_size": 0, "n_train": 0, "threads": args.threads,
               "train_seconds": 0.0, "torch": torch.__version__}
    write_model_json(out, summary, parity, model, variant.untrained_id, variant.model_cfg,
                     how=f"untrained: {variant.name}'s architecture with the seeded weights its training starts from")
    log(f"untrained {variant.name} written to {out} in {time.time() - t0:.1f}s; held-out {json.dumps(metrics)}; "
        f"sizes {json.dumps(dir_sizes(out))}")
    return 0
