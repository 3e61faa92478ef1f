#!/usr/bin/env python3
"""Train, export and describe the project's own tiny CLIP-style model ("tiny-clip-v1").

Subcommands (run through tools/models/train_tiny_clip.sh, which provides the pinned venv):
  render        render the synthetic captioned image set (train + held-out) into the cache
  train         train the tiny open_clip dual encoder on CPU, report held-out recall
  export        write TorchScript + ONNX (immich layout) + tokenizer + configs to models/<variant>/
  fixtures      write models/<variant>/fixtures/ (preprocess, tokens, embeddings, held-out set)
  all           render + train + export + fixtures
  untrained     export a variant's architecture with its untrained seeded weights to a directory
  bench-model   export a random-weight ViT-B-32 in the same layouts to a directory (benchmarks)
  bench-python  end-to-end images/s and texts/s with the Python reference pipeline (JSON)

Each step lives in its own module of the tinyclip package next to this file (tinyclip/__init__.py
lists them). `--variant` chooses the model (tinyclip/variants.py): tiny-clip (default) or tiny-clip-b.
Everything is seeded; see README.md next to this file.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from tinyclip.bench import cmd_bench_model, cmd_bench_python
from tinyclip.common import DEFAULT_OUT, N_TRAIN, log
from tinyclip.export import cmd_export, dir_sizes
from tinyclip.fixtures import cmd_fixtures
from tinyclip.render import cmd_render
from tinyclip.train import cmd_train
from tinyclip.untrained import cmd_untrained
from tinyclip.variants import DEFAULT_VARIANT, VARIANTS

TRAIN_OPTIONS = ("steps", "batch_size", "lr", "warmup_steps", "weight_decay", "threads")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def variant_option(p):
        p.add_argument("--variant", choices=sorted(VARIANTS), default=DEFAULT_VARIANT,
                       help="which model: its id, dimension, training defaults and output folder")
        p.add_argument("--threads", type=int)
        p.add_argument("--n-train", type=int, default=N_TRAIN)
        return p

    def common(p):
        variant_option(p)
        p.add_argument("--out", help="default: the variant's folder under models/")
        p.add_argument("--steps", type=int)
        p.add_argument("--batch-size", type=int)
        p.add_argument("--lr", type=float)
        p.add_argument("--warmup-steps", type=int)
        p.add_argument("--weight-decay", type=float)
        return p

    for name in ("render", "train", "export", "fixtures", "all"):
        common(sub.add_parser(name))
    ut = variant_option(sub.add_parser("untrained", help="a variant with its untrained seeded weights"))
    ut.add_argument("out")
    bm = sub.add_parser("bench-model")
    bm.add_argument("out")
    bm.add_argument("--threads", type=int, default=2)
    hx = sub.add_parser("hf-export", help="a random-weight transformers-layout CLIP export and its reference outputs")
    hx.add_argument("out")
    bp = sub.add_parser("bench-python")
    bp.add_argument("--model", required=True)
    bp.add_argument("--images", required=True)
    bp.add_argument("--threads", type=int, default=2)
    bp.add_argument("--batch", type=int, default=16)
    bp.add_argument("--runtime", choices=["onnx", "torchscript"], default="onnx")
    bp.add_argument("--limit", type=int, default=1000)
    bp.add_argument("--n-texts", type=int, default=400)
    bp.add_argument("--text-padding", choices=["longest", "context"], default="longest",
                    help="pad a batch of texts to its longest text when model.json says the tower takes that "
                         "(variable_length), as the Java embedder does, or always to the context length")
    bp.add_argument("--warmup-seconds", type=float, default=0,
                    help="after the warm-up passes, more until each kind has run this long (as the Java harness)")
    bp.add_argument("--warmup-passes", type=int, default=0,
                    help="untimed passes over all images and texts first (the Java harness takes the same)")
    args = ap.parse_args(argv)
    if hasattr(args, "variant"):
        resolve_variant(args)

    if args.cmd == "render":
        return cmd_render(args)
    if args.cmd == "train":
        return cmd_train(args)
    if args.cmd == "export":
        cmd_export(args)
        return log_size(args.out)
    if args.cmd == "fixtures":
        cmd_fixtures(args)
        return log_size(args.out)
    if args.cmd == "all":
        timings = {}
        for name, fn in (("render", cmd_render), ("train", cmd_train), ("export", cmd_export),
                         ("fixtures", cmd_fixtures)):
            t0 = time.time()
            rc = fn(args)
            timings[name] = round(time.time() - t0, 1)
            if rc:
                return rc
        log(f"step timings (s): {json.dumps(timings)}")
        return log_size(args.out)
    if args.cmd == "untrained":
        return cmd_untrained(args)
    if args.cmd == "bench-model":
        return cmd_bench_model(args)
    if args.cmd == "bench-python":
        return cmd_bench_python(args)
    if args.cmd == "hf-export":
        import hf_clip_export
        fx = DEFAULT_OUT / "fixtures"
        # Left out: the EXIF-rotated JPEG (transformers ignores EXIF orientation, the product applies
        # it) and the transparent PNG (transformers drops alpha, the product flattens it on white).
        images = [fx / n for n in ("photo.jpg", "rgb.png", "gray.png", "palette.png", "wide.png")]
        hf_clip_export.export(Path(args.out), DEFAULT_OUT / "textual" / "tokenizer.json", images)
        log(f"transformers-layout export written to {args.out}: {json.dumps(dir_sizes(Path(args.out)))}")
        return 0


def log_size(folder):
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    log(f"{folder}: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files")
    return 0


def resolve_variant(args):
    """Replaces the variant's name by its definition and fills the options left out from it."""
    args.variant = VARIANTS[args.variant]
    for option in TRAIN_OPTIONS:
        if getattr(args, option, None) is None and option in args.variant.train_cfg:
            setattr(args, option, args.variant.train_cfg[option])
    if getattr(args, "out", None) is None:
        args.out = str(args.variant.out)


if __name__ == "__main__":
    sys.exit(main() or 0)
