#!/usr/bin/env python3
"""Train, export and describe the project's own tiny CLIP-style model ("tiny-clip-v1").

Subcommands (run through tools/models/train_tiny_clip.sh, which provides the pinned venv):
  render        render the synthetic captioned image set (train + held-out) into the cache
  train         train the tiny open_clip dual encoder on CPU, report held-out recall
  export        write TorchScript + ONNX (immich layout) + tokenizer + configs to models/tiny-clip/
  fixtures      write models/tiny-clip/fixtures/ (preprocess, tokens, embeddings, held-out set)
  all           render + train + export + fixtures
  bench-model   export a random-weight ViT-B-32 in the same layouts to a directory (benchmarks)
  bench-python  end-to-end images/s and texts/s with the Python reference pipeline (JSON)

Each step lives in its own module of the tinyclip package next to this file (tinyclip/__init__.py
lists them). Everything is seeded; see README.md next to this file.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from tinyclip.bench import cmd_bench_model, cmd_bench_python
from tinyclip.common import DEFAULT_OUT, N_TRAIN, TRAIN_CFG, log
from tinyclip.export import cmd_export, dir_sizes
from tinyclip.fixtures import cmd_fixtures
from tinyclip.render import cmd_render
from tinyclip.train import cmd_train


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p):
        p.add_argument("--threads", type=int, default=TRAIN_CFG["threads"])
        p.add_argument("--out", default=str(DEFAULT_OUT))
        p.add_argument("--n-train", type=int, default=N_TRAIN)
        p.add_argument("--steps", type=int, default=TRAIN_CFG["steps"])
        p.add_argument("--batch-size", type=int, default=TRAIN_CFG["batch_size"])
        p.add_argument("--lr", type=float, default=TRAIN_CFG["lr"])
        p.add_argument("--warmup-steps", type=int, default=TRAIN_CFG["warmup_steps"])
        p.add_argument("--weight-decay", type=float, default=TRAIN_CFG["weight_decay"])
        return p

    for name in ("render", "train", "export", "fixtures", "all"):
        common(sub.add_parser(name))
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

    if args.cmd == "render":
        return cmd_render(args)
    if args.cmd == "train":
        return cmd_train(args)
    if args.cmd == "export":
        return cmd_export(args)
    if args.cmd == "fixtures":
        return cmd_fixtures(args)
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
        return 0
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


if __name__ == "__main__":
    sys.exit(main() or 0)
