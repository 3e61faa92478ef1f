"""TorchScript + ONNX export in the immich layout, its parity check and model.json (subcommand `export`)."""

import hashlib
import json
import shutil
import time
from pathlib import Path

import numpy as np

from .common import CONTEXT_LENGTH, EOT_ID, IMAGE_SIZE, MEAN, N_HELDOUT, PAD_ID, SEED, SOT_ID, STD, log, seed_everything
from .model import get_tokenizer, load_trained
from .tokenizer import LONG_500, TOKENIZER_CONFIG, build_hf_tokenizer, tokenizer_parity


def make_wrappers(model):
    import torch
    import torch.nn.functional as F

    class VisualEncoder(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.visual = m.visual

        def forward(self, image):
            return F.normalize(self.visual(image), dim=-1)

    class PortableSelfAttention(torch.nn.Module):
        """nn.MultiheadAttention's self-attention with the same weights, written with sizes taken from
        the input alone: the ONNX exporter bakes the traced sequence length into
        F.multi_head_attention_forward's reshapes, which would tie the text tower to 77 ids."""

        def __init__(self, mha):
            super().__init__()
            self.in_proj_weight = mha.in_proj_weight
            self.in_proj_bias = mha.in_proj_bias
            self.out_proj = mha.out_proj
            self.heads = mha.num_heads
            self.head_dim = mha.embed_dim // mha.num_heads

        def forward(self, x, mask):  # x: [batch, length, width], mask: additive [length, length]
            qkv = F.linear(x, self.in_proj_weight, self.in_proj_bias)
            qkv = qkv.unflatten(-1, (3, self.heads, self.head_dim)).permute(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]  # [batch, heads, length, head_dim]
            scores = (q @ k.transpose(-1, -2)) * (self.head_dim ** -0.5) + mask
            out = (scores.softmax(dim=-1) @ v).transpose(1, 2).flatten(2)
            return self.out_proj(out)

    class PortableBlock(torch.nn.Module):
        """open_clip's ResidualAttentionBlock (pre-norm attention and MLP) around PortableSelfAttention."""

        def __init__(self, block):
            super().__init__()
            self.ln_1, self.ls_1, self.ln_2, self.mlp, self.ls_2 = (
                block.ln_1, block.ls_1, block.ln_2, block.mlp, block.ls_2)
            self.attn = PortableSelfAttention(block.attn)

        def forward(self, x, mask):
            x = x + self.ls_1(self.attn(self.ln_1(x), mask))
            return x + self.ls_2(self.mlp(self.ln_2(x)))

    class TextEncoder(torch.nn.Module):
        """CLIP.encode_text(text, normalize=True) holding only the text tower (so the TorchScript file does
        not also carry the image tower's weights)."""

        def __init__(self, m):
            super().__init__()
            assert m.transformer.batch_first, "the text blocks are written for batch-first open_clip"
            self.token_embedding = m.token_embedding
            self.positional_embedding = m.positional_embedding
            self.blocks = torch.nn.ModuleList(PortableBlock(b) for b in m.transformer.resblocks)
            self.ln_final = m.ln_final
            self.text_projection = m.text_projection
            self.register_buffer("attn_mask", m.attn_mask, persistent=False)

        def forward(self, text):
            # Any length up to the context: the tower is causal and pools at the end token, so the
            # padding after the longest text of a batch can be left out without changing a value.
            length = text.shape[1]
            x = self.token_embedding(text) + self.positional_embedding[:length]
            mask = self.attn_mask[:length, :length]
            for block in self.blocks:
                x = block(x, mask)
            x = self.ln_final(x)
            x = x[torch.arange(x.shape[0]), text.argmax(dim=-1)]  # eot token (largest id) features
            return F.normalize(x @ self.text_projection, dim=-1)

    return VisualEncoder(model).eval(), TextEncoder(model).eval()


def export_model(model, out, image_size, context_length, cfg, extra_model_json=None, check=True):
    import torch
    out = Path(out)
    for sub in ("torchscript", "visual", "textual"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    vis, txt = make_wrappers(model)
    # As immich's exporter does: no fused nn.MultiheadAttention fast path (_native_multi_head_attention is
    # not exportable to ONNX); both formats then trace the same portable graph.
    torch.backends.mha.set_fastpath_enabled(False)
    for p in model.parameters():
        p.requires_grad_(False)
    tok = get_tokenizer()
    ex_img = torch.randn(2, 3, image_size, image_size, generator=torch.Generator().manual_seed(SEED))
    ex_txt = tok(["a photo of a cat", "two small red circles on a white background"])
    t0 = time.time()
    with torch.no_grad():
        tv = torch.jit.trace(vis, ex_img, check_trace=False)
        tt = torch.jit.trace(txt, ex_txt, check_trace=False)
    torch.jit.save(tv, str(out / "torchscript" / "visual.pt"))
    torch.jit.save(tt, str(out / "torchscript" / "textual.pt"))
    with torch.no_grad():
        for graph in (tv.inlined_graph, tt.inlined_graph):
            assert "_native_multi_head_attention" not in str(graph)
    log(f"torchscript written in {time.time() - t0:.1f}s")
    t0 = time.time()
    with torch.no_grad():
        torch.onnx.export(vis, (ex_img,), str(out / "visual" / "model.onnx"), input_names=["image"],
                          output_names=["embedding"], dynamic_axes={"image": {0: "batch"}, "embedding": {0: "batch"}},
                          opset_version=17, do_constant_folding=True, dynamo=False)
        # int32 token ids, like immich's textual ONNX models (TorchScript takes int64).
        torch.onnx.export(txt, (ex_txt.to(torch.int32),), str(out / "textual" / "model.onnx"), input_names=["text"],
                          output_names=["embedding"], dynamic_axes={"text": {0: "batch", 1: "sequence"}, "embedding": {0: "batch"}},
                          opset_version=17, do_constant_folding=True, dynamo=False)
    log(f"onnx written in {time.time() - t0:.1f}s")
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    pp = {"size": [image_size, image_size], "mode": "RGB", "mean": list(MEAN), "std": list(STD),
          "interpolation": "bicubic", "resize_mode": "shortest", "fill_color": 0}
    (out / "visual" / "preprocess_cfg.json").write_text(json.dumps(pp, indent=2) + "\n")
    tk = build_hf_tokenizer()
    tk.save(str(out / "textual" / "tokenizer.json"), pretty=False)
    (out / "textual" / "tokenizer_config.json").write_text(json.dumps(TOKENIZER_CONFIG, indent=2) + "\n")
    check_res = verify_export(model, out, image_size) if check else None
    return check_res


def verify_export(model, out, image_size, n=8):
    """TorchScript and ONNX vs the eager open_clip model: cosine and max abs difference."""
    import onnxruntime as ort
    import torch
    out = Path(out)
    gen = torch.Generator().manual_seed(SEED + 7)
    x = torch.randn(n, 3, image_size, image_size, generator=gen)
    tok = get_tokenizer()
    texts = ["a photo of a dog", "three large blue stars on a black background", "", "日本語 🐱", LONG_500,
             "one small green cross at the top on a gray background", "x", "hello world"][:n]
    t = tok(texts)
    with torch.no_grad():
        ref_i = model.encode_image(x, normalize=True).numpy()
        ref_t = model.encode_text(t, normalize=True).numpy()
        tv = torch.jit.load(str(out / "torchscript" / "visual.pt"))
        tt = torch.jit.load(str(out / "torchscript" / "textual.pt"))
        ts_i = tv(x).numpy()
        ts_t = tt(t).numpy()
        # The texts without the over-long one, padded only up to the longest of them.
        rows = [i for i, s in enumerate(texts) if s is not LONG_500]
        short = t[rows][:, :int(t[rows].argmax(dim=-1).max()) + 1]
        ts_short = tt(short).numpy()
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sv = ort.InferenceSession(str(out / "visual" / "model.onnx"), so, providers=["CPUExecutionProvider"])
    st = ort.InferenceSession(str(out / "textual" / "model.onnx"), so, providers=["CPUExecutionProvider"])
    ox_i = sv.run(["embedding"], {"image": x.numpy()})[0]
    ox_t = st.run(["embedding"], {"text": t.numpy().astype(np.int32)})[0]
    ox_short = st.run(["embedding"], {"text": short.numpy().astype(np.int32)})[0]

    def cmp(a, b):
        cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        return {"min_cosine": float(cos.min()), "max_abs_diff": float(np.abs(a - b).max())}

    res = {"image": {"torchscript_vs_eager": cmp(ts_i, ref_i), "onnx_vs_eager": cmp(ox_i, ref_i),
                     "onnx_vs_torchscript": cmp(ox_i, ts_i)},
           "text": {"torchscript_vs_eager": cmp(ts_t, ref_t), "onnx_vs_eager": cmp(ox_t, ref_t),
                    "onnx_vs_torchscript": cmp(ox_t, ts_t),
                    "torchscript_shorter_vs_eager": cmp(ts_short, ref_t[rows]),
                    "onnx_shorter_vs_eager": cmp(ox_short, ref_t[rows])},
           "onnx_io": {
               "visual": {"inputs": [(i.name, i.type, i.shape) for i in sv.get_inputs()],
                          "outputs": [(o.name, o.type, o.shape) for o in sv.get_outputs()]},
               "textual": {"inputs": [(i.name, i.type, i.shape) for i in st.get_inputs()],
                           "outputs": [(o.name, o.type, o.shape) for o in st.get_outputs()]}}}
    for kind in ("image", "text"):
        for k, v in res[kind].items():
            if v["min_cosine"] < 0.9999:
                raise SystemExit(f"export parity failure {kind} {k}: {v}")
    log(f"export parity: {json.dumps({k: res[k] for k in ('image', 'text')})}")
    return res


def dir_sizes(out):
    out = Path(out)
    return {str(p.relative_to(out)): p.stat().st_size for p in sorted(out.rglob("*")) if p.is_file()
            and "fixtures" not in p.relative_to(out).parts}


def weights_sha256(model):
    h = hashlib.sha256()
    for k, v in sorted(model.state_dict().items()):
        h.update(k.encode())
        h.update(v.detach().contiguous().numpy().astype("<f4").tobytes())
    return h.hexdigest()


TRAINED = "trained from scratch on synthetic shapes"


def write_model_json(out, summary, parity, model, model_id, cfg, how=TRAINED):
    mj = {
        "id": model_id,
        "architecture": f"open_clip CLIP (ViT image tower, causal transformer text tower), {how}; "
                        "see tools/models/README.md",
        "embedding_dim": cfg["embed_dim"],
        "outputs_normalized": True,
        "image": {
            "size": IMAGE_SIZE, "channels": 3, "layout": "NCHW", "dtype": "float32", "mode": "RGB",
            "mean": list(MEAN), "std": list(STD), "interpolation": "bicubic (PIL)", "resize_mode": "shortest",
            "crop": "center", "alpha_flatten_background": [255, 255, 255], "exif_transpose": True,
            "pipeline": "decode -> EXIF orientation -> flatten alpha on white: round((c*a + 255*(255-a))/255) -> "
                        "RGB -> resize shortest side to 64, long side int(64*long/short) (truncated), PIL BICUBIC "
                        "(skipped when already that size) -> center crop at (int(round((w-64)/2)), "
                        "int(round((h-64)/2))) with Python round-half-even -> /255 -> (x-mean)/std",
        },
        "text": {
            "context_length": CONTEXT_LENGTH, "vocab_size": cfg["text_cfg"]["vocab_size"],
            "variable_length": True,
            "dtype": "int64 for TorchScript, int32 for ONNX (as immich)",
            "sot_id": SOT_ID, "eot_id": EOT_ID, "pad_id": PAD_ID,
            "eot_handling": "ids = [sot] + bpe(text) + [eot]; if longer than 77: keep the first 77 and set the "
                            "last one to eot; pad right with 0 to 77. The text tower pools the token at "
                            "argmax(ids) (the first eot, as eot is the largest id). Both exports also take "
                            "fewer than 77 ids (variable_length): the tower is causal, so a batch padded "
                            "only to its longest text gives the same embeddings.",
            "tokenizer": "open_clip SimpleTokenizer (CLIP BPE 49408, lower case, ftfy + html unescape + "
                         "whitespace cleanup); textual/tokenizer.json is the HuggingFace equivalent",
        },
        "formats": {
            "torchscript": {"visual": "torchscript/visual.pt", "textual": "torchscript/textual.pt",
                            "producer": "torch.jit.trace, torch 2.7.1 (the libtorch of DJL pytorch-engine 0.34-0.36)"},
            "onnx": {"visual": "visual/model.onnx", "textual": "textual/model.onnx", "opset": 17,
                     "visual_input": "image float32 [batch,3,64,64]", "textual_input": "text int32 [batch,sequence<=77] (as immich, any length)",
                     "output": "embedding float32 [batch,%d]" % cfg["embed_dim"]},
            "config": "config.json", "preprocess": "visual/preprocess_cfg.json",
            "tokenizer": "textual/tokenizer.json", "tokenizer_config": "textual/tokenizer_config.json",
        },
        "heldout": {"n_images": N_HELDOUT, "text_to_image": summary["heldout"]["text_to_image"],
                    "image_to_text": summary["heldout"]["image_to_text"],
                    "rule": "see fixtures/heldout/recall.json"},
        "export_parity": {k: parity[k] for k in ("image", "text")},
        "training": {"seed": SEED, "steps": summary["steps"], "batch_size": summary["batch_size"],
                     "n_train": summary["n_train"], "threads": summary["threads"],
                     "seconds": summary["train_seconds"], "torch": summary["torch"],
                     "weights_sha256": weights_sha256(model)},
    }
    (Path(out) / "model.json").write_text(json.dumps(mj, indent=2, ensure_ascii=False) + "\n")
    return mj


def cmd_export(args):
    import torch
    torch.set_num_threads(args.threads)
    seed_everything(SEED)
    variant = args.variant
    out = Path(args.out)
    for sub in ("torchscript", "visual", "textual"):
        shutil.rmtree(out / sub, ignore_errors=True)
    model = load_trained(variant)
    t0 = time.time()
    parity = export_model(model, out, IMAGE_SIZE, CONTEXT_LENGTH, variant.model_cfg)
    summary = json.loads((variant.weights_dir / "train_summary.json").read_text())
    write_model_json(out, summary, parity, model, variant.model_id, variant.model_cfg)
    tok_par = tokenizer_parity(out / "textual" / "tokenizer.json")
    log(f"tokenizer parity: {tok_par['exact']}/{tok_par['total']} exact; mismatches: "
        f"{[m['text'][:40] for m in tok_par['mismatches']]}")
    log(f"export took {time.time() - t0:.1f}s; sizes {json.dumps(dir_sizes(out))}")
