"""Benchmarks: a random-weight ViT-B-32 in the same layouts (`bench-model`) and the Python pipeline's throughput (`bench-python`)."""

import json
import time
from pathlib import Path

import numpy as np

from .common import EOT_ID, MEAN, PAD_ID, SEED, SOT_ID, STD, log, seed_everything
from .export import dir_sizes, export_model
from .preprocess import preprocess
from .render import caption_samples


def cmd_bench_model(args):
    import open_clip
    import torch
    torch.set_num_threads(args.threads)
    seed_everything(SEED)
    cfg = open_clip.get_model_config("ViT-B-32")
    model = open_clip.create_model("ViT-B-32", pretrained=None).eval()  # random weights, no download
    out = Path(args.out)
    t0 = time.time()
    parity = export_model(model, out, cfg["vision_cfg"]["image_size"], 77, cfg)
    mj = {"id": "vit-b-32-random", "architecture": "open_clip ViT-B-32, random weights (benchmarks only)",
          "embedding_dim": cfg["embed_dim"], "outputs_normalized": True,
          "image": {"size": cfg["vision_cfg"]["image_size"], "mean": list(MEAN), "std": list(STD)},
          "text": {"context_length": 77, "pad_id": PAD_ID, "sot_id": SOT_ID, "eot_id": EOT_ID,
                   "variable_length": True},
          "export_parity": {k: parity[k] for k in ("image", "text")}}
    (out / "model.json").write_text(json.dumps(mj, indent=2) + "\n")
    log(f"bench model exported to {out} in {time.time() - t0:.0f}s: {json.dumps(dir_sizes(out))}")


def cmd_bench_python(args):
    import torch
    from tokenizers import Tokenizer
    torch.set_num_threads(args.threads)
    mdir = Path(args.model)
    mj = json.loads((mdir / "model.json").read_text())
    size = mj["image"]["size"]
    files = sorted(p for p in Path(args.images).rglob("*")
                   if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"))[:args.limit]
    if not files:
        raise SystemExit(f"no images under {args.images}")
    tok = Tokenizer.from_file(str(mdir / "textual" / "tokenizer.json"))
    texts = (caption_samples(20) * ((args.n_texts // 20) + 1))[:args.n_texts]
    result = {"model": mj.get("id"), "runtime": args.runtime, "threads": args.threads, "batch": args.batch,
              "n_images": len(files), "n_texts": len(texts), "image_size": size}
    if args.runtime == "onnx":
        import onnxruntime as ort
        so = ort.SessionOptions()
        so.intra_op_num_threads = args.threads
        so.inter_op_num_threads = 1
        sv = ort.InferenceSession(str(mdir / "visual" / "model.onnx"), so, providers=["CPUExecutionProvider"])
        st = ort.InferenceSession(str(mdir / "textual" / "model.onnx"), so, providers=["CPUExecutionProvider"])
        run_v = lambda x: sv.run(["embedding"], {"image": x})[0]
        run_t = lambda x: st.run(["embedding"], {"text": x.astype(np.int32)})[0]
    else:
        tv = torch.jit.load(str(mdir / "torchscript" / "visual.pt")).eval()
        tt = torch.jit.load(str(mdir / "torchscript" / "textual.pt")).eval()

        def run_v(x):
            with torch.no_grad():
                return tv(torch.from_numpy(x)).numpy()

        def run_t(x):
            with torch.no_grad():
                return tt(torch.from_numpy(x)).numpy()

    def images_pass(fs):
        n = 0
        for i in range(0, len(fs), args.batch):
            x = np.stack([preprocess(f, size)[0] for f in fs[i:i + args.batch]])
            n += run_v(x).shape[0]
        return n

    # As the Java embedder does when the text tower takes it: a batch padded only to its longest text
    # (up to and including its end token, the largest id) gives the same embeddings as 77 ids.
    shorter = args.text_padding == "longest" and mj.get("text", {}).get("variable_length", False)
    result["text_padding"] = "longest" if shorter else "context"

    def texts_pass(ts):
        n = 0
        for i in range(0, len(ts), args.batch):
            ids = np.asarray([e.ids for e in tok.encode_batch(ts[i:i + args.batch])], dtype=np.int64)
            if shorter:
                ids = ids[:, :int(ids.argmax(axis=1).max()) + 1]
            n += run_t(ids).shape[0]
        return n

    images_pass(files[:min(len(files), args.batch)])  # warm-up
    texts_pass(texts[:args.batch])
    # The Java harness's rule: at least --warmup-passes passes of each kind, and more until each kind
    # has run for --warmup-seconds.
    for run_pass, items in ((images_pass, files), (texts_pass, texts)):
        t0, done = time.perf_counter(), 0
        while done < args.warmup_passes or time.perf_counter() - t0 < args.warmup_seconds:
            run_pass(items)
            done += 1
    t0 = time.perf_counter()
    n = images_pass(files)
    dt = time.perf_counter() - t0
    result.update(images_per_second=round(n / dt, 2), image_seconds=round(dt, 3))
    t0 = time.perf_counter()
    n = texts_pass(texts)
    dt = time.perf_counter() - t0
    result.update(texts_per_second=round(n / dt, 2), text_seconds=round(dt, 3))
    t0 = time.perf_counter()  # the tokenizer alone, batch by batch as above
    for i in range(0, len(texts), args.batch):
        tok.encode_batch(texts[i:i + args.batch])
    result.update(tokenize_seconds=round(time.perf_counter() - t0, 3))
    print(json.dumps(result, indent=2))
