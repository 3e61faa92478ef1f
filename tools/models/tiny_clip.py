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

Everything is seeded; see README.md next to this file.
"""
import argparse
import gzip
import hashlib
import html
import io
import json
import math
import os
import random
import shutil
import struct
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageOps

REPO_ROOT = Path(__file__).resolve().parents[2]
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


# ----------------------------------------------------------------------------------------------
# Synthetic data
# ----------------------------------------------------------------------------------------------
SHAPES = ["circle", "square", "triangle", "star", "cross"]
COLOURS = {
    "red": (220, 30, 30),
    "green": (30, 170, 50),
    "blue": (30, 70, 220),
    "yellow": (240, 210, 20),
    "purple": (140, 40, 180),
    "orange": (250, 130, 10),
}
BACKGROUNDS = {"white": (255, 255, 255), "black": (0, 0, 0), "gray": (128, 128, 128)}
COUNTS = {1: "one", 2: "two", 3: "three"}
SIZES = {"small": (6, 8), "large": (12, 14)}  # radius range in output pixels (64 px image)
POSITIONS = {  # centre ranges as fractions of the image (single objects only)
    "on the left": ((0.22, 0.30), (0.38, 0.62)),
    "on the right": ((0.70, 0.78), (0.38, 0.62)),
    "at the top": ((0.38, 0.62), (0.22, 0.30)),
    "at the bottom": ((0.38, 0.62), (0.70, 0.78)),
    "in the center": ((0.44, 0.56), (0.44, 0.56)),
}
SS = 4  # supersampling factor for anti-aliased rendering


def caption_for(count, size, colour, shape, position, bg):
    noun = shape + ("es" if shape == "cross" and count > 1 else "s" if count > 1 else "")
    pos = f" {position}" if position else ""
    return f"{COUNTS[count]} {size} {colour} {noun}{pos} on a {bg} background"


def shape_polygon(shape, cx, cy, r):
    if shape == "square":
        h = r * 0.85
        return [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)]
    if shape == "triangle":
        return [(cx, cy - r), (cx + r * 0.95, cy + r * 0.75), (cx - r * 0.95, cy + r * 0.75)]
    if shape == "star":
        pts = []
        for k in range(10):
            rad = r if k % 2 == 0 else r * 0.45
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        return pts
    if shape == "cross":
        w = r * 0.36
        return [(cx - w, cy - r), (cx + w, cy - r), (cx + w, cy - w), (cx + r, cy - w), (cx + r, cy + w),
                (cx + w, cy + w), (cx + w, cy + r), (cx - w, cy + r), (cx - w, cy + w), (cx - r, cy + w),
                (cx - r, cy - w), (cx - w, cy - w)]
    raise ValueError(shape)


def jitter(rgb, rng, amount):
    return tuple(int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in rgb)


def render_sample(rng, size=IMAGE_SIZE):
    """Returns (PIL RGB image size x size, caption, attributes)."""
    count = int(rng.integers(1, 4))
    sz = str(rng.choice(list(SIZES)))
    colour = str(rng.choice(list(COLOURS)))
    shape = str(rng.choice(SHAPES))
    bg = str(rng.choice(list(BACKGROUNDS)))
    position = str(rng.choice(list(POSITIONS))) if count == 1 else None
    big = size * SS
    img = Image.new("RGB", (big, big), jitter(BACKGROUNDS[bg], rng, 6))
    draw = ImageDraw.Draw(img)
    lo, hi = SIZES[sz]
    centres = []
    for _ in range(count):
        r = float(rng.uniform(lo, hi))
        for _attempt in range(500):
            if position:
                (x0, x1), (y0, y1) = POSITIONS[position]
                cx, cy = rng.uniform(x0, x1) * size, rng.uniform(y0, y1) * size
            else:
                cx, cy = rng.uniform(r + 1, size - r - 1), rng.uniform(r + 1, size - r - 1)
            cx = min(max(cx, r + 1), size - r - 1)
            cy = min(max(cy, r + 1), size - r - 1)
            if all((cx - px) ** 2 + (cy - py) ** 2 >= (r + pr + 2) ** 2 for px, py, pr in centres):
                break
            r = max(lo - 1.0, r - 0.02)
        centres.append((cx, cy, r))
        fill = jitter(COLOURS[colour], rng, 12)
        if shape == "circle":
            draw.ellipse([(cx - r) * SS, (cy - r) * SS, (cx + r) * SS, (cy + r) * SS], fill=fill)
        else:
            draw.polygon([(x * SS, y * SS) for x, y in shape_polygon(shape, cx, cy, r)], fill=fill)
    img = img.resize((size, size), Image.BOX)
    attrs = {"count": count, "size": sz, "colour": colour, "shape": shape, "position": position, "background": bg}
    return img, caption_for(count, sz, colour, shape, position, bg), attrs


def render_split(seed, n):
    rng = np.random.default_rng(seed)
    imgs, caps = [], []
    for _ in range(n):
        img, cap, _ = render_sample(rng)
        imgs.append(np.asarray(img, dtype=np.uint8))
        caps.append(cap)
    return np.stack(imgs), caps


def cmd_render(args):
    WORK.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    for name, seed, n in (("train", TRAIN_SEED, args.n_train), ("heldout", HELDOUT_SEED, N_HELDOUT)):
        imgs, caps = render_split(seed, n)
        np.save(WORK / f"{name}_images.npy", imgs)
        (WORK / f"{name}_captions.json").write_text(json.dumps(caps))
        log(f"rendered {name}: {len(caps)} images, {len(set(caps))} distinct captions")
    log(f"render took {time.time() - t0:.1f}s (cache {WORK})")


def load_split(name):
    imgs = np.load(WORK / f"{name}_images.npy")
    caps = json.loads((WORK / f"{name}_captions.json").read_text())
    return imgs, caps


# ----------------------------------------------------------------------------------------------
# Reference preprocessing (the pipeline Java must reproduce)
# ----------------------------------------------------------------------------------------------
def load_rgb(path_or_file):
    """Decode -> EXIF transpose -> flatten alpha on white -> RGB (uint8)."""
    img = Image.open(path_or_file)
    img = ImageOps.exif_transpose(img)
    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info) \
        or (img.mode in ("RGB", "L") and "transparency" in img.info)
    if has_alpha:
        rgba = np.asarray(img.convert("RGBA"), dtype=np.uint32)
        a = rgba[..., 3:4]
        # out = round((c * a + 255 * (255 - a)) / 255), integer arithmetic (exact)
        out = (rgba[..., :3] * a + 255 * (255 - a) + 127) // 255
        return Image.fromarray(out.astype(np.uint8), "RGB")
    return img.convert("RGB")


def resize_crop(img, size=IMAGE_SIZE):
    """Resize shortest side to `size` (PIL BICUBIC), then center crop size x size.
    Same arithmetic as torchvision Resize(size)+CenterCrop(size) used by open_clip."""
    w, h = img.size
    if w <= h:
        nw, nh = size, int(size * h / w)
    else:
        nw, nh = int(size * w / h), size
    if (nw, nh) != (w, h):
        img = img.resize((nw, nh), Image.BICUBIC)
    left = int(round((nw - size) / 2.0))
    top = int(round((nh - size) / 2.0))
    info = {"resized": [nw, nh], "crop_left": left, "crop_top": top}
    return img.crop((left, top, left + size, top + size)), info


def to_tensor_np(img):
    arr = np.asarray(img, dtype=np.float32) / np.float32(255.0)
    arr = (arr - np.asarray(MEAN, dtype=np.float32)) / np.asarray(STD, dtype=np.float32)
    return np.ascontiguousarray(arr.transpose(2, 0, 1), dtype=np.float32)


def preprocess(path_or_file, size=IMAGE_SIZE):
    img, info = resize_crop(load_rgb(path_or_file), size)
    return to_tensor_np(img), info


def uint8_batch_to_tensor(batch):
    import torch
    x = torch.from_numpy(batch).permute(0, 3, 1, 2).float().div_(255.0)
    mean = torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(STD, dtype=torch.float32).view(1, 3, 1, 1)
    return (x - mean) / std


# ----------------------------------------------------------------------------------------------
# Model
# ----------------------------------------------------------------------------------------------
def build_model(cfg=MODEL_CFG):
    from open_clip.model import CLIP
    return CLIP(embed_dim=cfg["embed_dim"], vision_cfg=cfg["vision_cfg"], text_cfg=cfg["text_cfg"])


def get_tokenizer():
    import open_clip
    return open_clip.get_tokenizer("ViT-B-32")  # SimpleTokenizer, bundled BPE vocab, context 77


def encode_text_prefix(model, text):
    """open_clip CLIP.encode_text on a context-length prefix of the ids (training speed-up). Exact: the
    text tower is causal and pools at the eot position, so positions after eot never influence it."""
    L = text.shape[1]
    x = model.token_embedding(text) + model.positional_embedding[:L]
    x = model.transformer(x, attn_mask=model.attn_mask[:L, :L])
    x = model.ln_final(x)
    x = x[torch_arange(x.shape[0]), text.argmax(dim=-1)]
    return x @ model.text_projection


def torch_arange(n):
    import torch
    return torch.arange(n)


def encode_images(model, x, batch=256):
    import torch
    outs = []
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            outs.append(model.encode_image(x[i:i + batch], normalize=True))
    return torch.cat(outs)


def encode_texts(model, tokens, batch=256):
    import torch
    outs = []
    with torch.no_grad():
        for i in range(0, tokens.shape[0], batch):
            outs.append(model.encode_text(tokens[i:i + batch], normalize=True))
    return torch.cat(outs)


def recall_at(text_emb, img_emb, captions, ks=(1, 5)):
    """Text->image retrieval among the held-out images. Query i = caption of image i (one query per
    image). Images ranked by cosine similarity (dot product of L2-normalised embeddings), descending,
    ties broken by lower image index (stable sort). A query is a hit@K if any of the top-K images has
    exactly the same caption string as the query (so duplicate captions count as correct)."""
    sims = text_emb @ img_emb.T
    order = np.argsort(-sims, axis=1, kind="stable")
    caps = np.asarray(captions)
    res = {}
    for k in ks:
        hits = [(caps[order[i, :k]] == caps[i]).any() for i in range(len(captions))]
        res[f"R@{k}"] = float(np.mean(hits))
    return res


def evaluate(model, imgs_u8, captions, tokenizer):
    x = uint8_batch_to_tensor(imgs_u8)
    ie = encode_images(model, x).numpy()
    te = encode_texts(model, tokenizer(captions)).numpy()
    t2i = recall_at(te, ie, captions)
    i2t = recall_at(ie, te, captions)  # image->caption among held-out captions, same hit rule
    return {"text_to_image": t2i, "image_to_text": i2t}, ie, te


def cmd_train(args):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(args.threads)
    seed_everything(SEED)
    if not (WORK / "train_images.npy").exists():
        cmd_render(args)
    imgs, caps = load_split("train")
    h_imgs, h_caps = load_split("heldout")
    tok = get_tokenizer()
    uniq = sorted(set(caps))
    cap_index = {c: i for i, c in enumerate(uniq)}
    uniq_tokens = tok(uniq)
    max_len = int((uniq_tokens != 0).sum(1).max())
    uniq_tokens = uniq_tokens[:, :max_len]  # exact for the causal text tower (see encode_text_prefix)
    cap_ids = torch.tensor([cap_index[c] for c in caps])

    model = build_model()
    model.train()
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model params: {n_params} ({n_params * 4 / 1e6:.1f} MB fp32)")
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "embedding" in n or "logit_scale" in n or "ln" in n else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.98), eps=1e-6)
    steps, bs = args.steps, args.batch_size
    gen = torch.Generator().manual_seed(TRAIN_SEED)
    perm = torch.randperm(len(caps), generator=gen)
    pos = 0
    t0 = time.time()
    history = []
    for step in range(steps):
        if pos + bs > len(perm):
            perm = torch.randperm(len(caps), generator=gen)
            pos = 0
        idx = perm[pos:pos + bs]
        pos += bs
        lr = args.lr * (step + 1) / args.warmup_steps if step < args.warmup_steps else \
            0.5 * args.lr * (1 + math.cos(math.pi * (step - args.warmup_steps) / (steps - args.warmup_steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        x = uint8_batch_to_tensor(imgs[idx.numpy()])
        cid = cap_ids[idx]
        ucid, inv = torch.unique(cid, return_inverse=True)
        ie = model.encode_image(x, normalize=True)
        te = F.normalize(encode_text_prefix(model, uniq_tokens[ucid]), dim=-1)[inv]
        scale = model.logit_scale.exp().clamp(max=100)
        logits = scale * ie @ te.T
        same = (cid[:, None] == cid[None, :]).float()
        target = same / same.sum(1, keepdim=True)  # identical captions in a batch are all positives
        loss = 0.5 * (torch.sum(-target * F.log_softmax(logits, 1), 1).mean()
                      + torch.sum(-target * F.log_softmax(logits.T, 1), 1).mean())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, math.log(100))
        if step % 50 == 0 or step == steps - 1:
            log(f"step {step}/{steps} loss {loss.item():.4f} lr {lr:.2e} scale {scale.item():.1f} "
                f"elapsed {time.time() - t0:.0f}s")
        if (step + 1) % 300 == 0 or step == steps - 1:
            model.eval()
            m, _, _ = evaluate(model, h_imgs, h_caps, tok)
            model.train()
            history.append({"step": step + 1, **m})
            log(f"held-out @ {step + 1}: {json.dumps(m)}")
    train_secs = time.time() - t0
    model.eval()
    metrics, _, _ = evaluate(model, h_imgs, h_caps, tok)
    torch.save(model.state_dict(), WORK / "model.pt")
    summary = {"heldout": metrics, "train_seconds": round(train_secs, 1), "threads": args.threads,
               "steps": steps, "batch_size": bs, "lr": args.lr, "n_train": len(caps),
               "n_params": n_params, "torch": torch.__version__, "history": history}
    (WORK / "train_summary.json").write_text(json.dumps(summary, indent=2))
    log(f"training took {train_secs:.0f}s; held-out {json.dumps(metrics)}")
    if metrics["text_to_image"]["R@1"] < 0.85:
        log("WARNING: held-out text->image R@1 < 0.85")
        return 1
    return 0


def load_trained():
    import torch
    model = build_model()
    model.load_state_dict(torch.load(WORK / "model.pt", map_location="cpu"))
    return model.eval()


# ----------------------------------------------------------------------------------------------
# Tokenizer (HuggingFace tokenizer.json equivalent of open_clip's SimpleTokenizer)
# ----------------------------------------------------------------------------------------------
def build_hf_tokenizer():
    import ftfy.chardata as cd
    import open_clip.tokenizer as oct
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers import AddedToken

    st = oct.SimpleTokenizer()
    merges = gzip.open(oct.default_bpe()).read().decode("utf-8").split("\n")[1:49152 - 256 - 2 + 1]
    merges = [tuple(m.split()) for m in merges]
    vocab = dict(st.encoder)
    assert vocab["<start_of_text>"] == SOT_ID and vocab["<end_of_text>"] == EOT_ID and len(vocab) == 49408

    bpe = models.BPE(vocab=vocab, merges=merges, continuing_subword_prefix="", end_of_word_suffix="</w>",
                     fuse_unk=False, unk_token=None)
    tk = Tokenizer(bpe)

    def esc(ch):
        return "\\x{%X}" % ord(ch)

    norm = []
    # ftfy.fix_text emulation (the parts expressible as string replacements):
    for code in sorted(cd.CONTROL_CHARS):  # remove_control_chars
        norm.append(normalizers.Replace(chr(code), ""))
    for src, dst in sorted(cd.LIGATURES.items()):  # fix_latin_ligatures
        norm.append(normalizers.Replace(chr(src), dst))
    for src, dst in sorted(cd.WIDTH_MAP.items()):  # fix_character_width
        norm.append(normalizers.Replace(chr(src), dst))
    norm.append(normalizers.Replace(Regex("[\u02bc\u2018-\u201b]"), "'"))  # uncurl_quotes
    norm.append(normalizers.Replace(Regex("[\u201c-\u201f]"), '"'))
    # html.unescape (ftfy once when the text has no '<', then open_clip twice): common entities only
    entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"),
                ("&apos;", "'"), ("&nbsp;", "\u00a0"), ("&amp;", "&")]
    for _ in range(2):
        for src, dst in entities:
            norm.append(normalizers.Replace(src, dst))
    norm.append(normalizers.NFC())
    ws = "".join(esc(chr(c)) for c in range(0x110000) if chr(c).isspace())
    norm.append(normalizers.Replace(Regex(f"[{ws}]+"), " "))  # " ".join(text.split())
    norm.append(normalizers.Strip())
    norm.append(normalizers.Lowercase())
    tk.normalizer = normalizers.Sequence(norm)
    tk.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""),
                             behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
    ])
    tk.add_special_tokens([AddedToken("<start_of_text>", special=True, normalized=True),
                           AddedToken("<end_of_text>", special=True, normalized=True)])
    tk.post_processor = processors.TemplateProcessing(
        single="<start_of_text> $A <end_of_text>", pair="<start_of_text> $A <end_of_text> $B <end_of_text>",
        special_tokens=[("<start_of_text>", SOT_ID), ("<end_of_text>", EOT_ID)])
    tk.decoder = decoders.ByteLevel()
    tk.enable_truncation(max_length=CONTEXT_LENGTH, strategy="longest_first", direction="right")
    tk.enable_padding(direction="right", pad_id=PAD_ID, pad_type_id=0, pad_token="!", length=CONTEXT_LENGTH)
    return tk


TOKENIZER_CONFIG = {
    "tokenizer_class": "CLIPTokenizer",
    "model_max_length": CONTEXT_LENGTH,
    "bos_token": "<start_of_text>",
    "eos_token": "<end_of_text>",
    "pad_token": "!",
    "unk_token": None,
    "do_lower_case": True,
    "padding_side": "right",
    "truncation_side": "right",
    "add_prefix_space": False,
    "clean_up_tokenization_spaces": False,
    "errors": "replace",
    "comment": "Equivalent of open_clip SimpleTokenizer: pad id 0 ('!'), sot 49406, eot 49407, "
               "truncation to 77 keeps eot as the last token.",
}

LONG_500 = " ".join(["word%d" % (i % 37) if i % 5 else "photograph" for i in range(500)])
TOKEN_CORPUS = [
    "", " ", "   \t\n  ", "a", "A photo of a cat", "two small red circles on a white background",
    "TWO SMALL RED CIRCLES ON A WHITE BACKGROUND", "  lots   of\t\twhitespace \n\n here  ",
    "café crème brûlée", "naïve façade über straße", "Ångström résumé", "e\u0301 combining accent (e + U+0301)",
    "日本語のテキスト", "中文字符串测试", "한국어 텍스트", "Привет мир", "Γειά σου Κόσμε", "ΟΔΟΣ",
    "مرحبا بالعالم", "שלום עולם", "हिन्दी पाठ", "🐱🐶 cats and dogs 🎉", "👨‍👩‍👧‍👦 family emoji ZWJ",
    "🇫🇷 flag", "rock &amp; roll", "&lt;b&gt;bold&lt;/b&gt;", "Tom &amp;amp; Jerry", "&quot;quoted&quot;",
    "it's they're we've I'm you'll he'd can't", "IT'S THEY'RE", "it’s curly ‘quotes’ “double”",
    "hello, world! how are you?", "punctuation...!!!???;;::", "(parentheses) [brackets] {braces}",
    "email@example.com http://example.com/path?q=1&x=2", "numbers 12345 and 3.14159 and 1,000,000",
    "under_score snake_case CamelCase kebab-case", "tabs\tand\nnewlines\r\nmixed", "ﬁne ﬂour (ligatures)",
    "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３", "non\u00a0breaking\u2009thin\u3000ideographic spaces",
    "zero\u200bwidth\u200bspace", "soft\u00adhyphen", "<end_of_text> literal special", "<|endoftext|> hf style",
    "x" * 100, "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "İstanbul DİYARBAKIR", "emoji🙂attached🙂words", "$100 €50 £20 ¥1000 ₿", "a\u0000b\u0007c control chars",
    LONG_500,
]


def hf_ids(tk, texts):
    return [e.ids for e in tk.encode_batch(texts)]


# ----------------------------------------------------------------------------------------------
# Export
# ----------------------------------------------------------------------------------------------
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


def write_model_json(out, summary, parity, model):
    cfg = MODEL_CFG
    mj = {
        "id": MODEL_ID,
        "architecture": "open_clip CLIP (ViT image tower, causal transformer text tower), trained from scratch "
                        "on synthetic shapes; see tools/models/README.md",
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
    out = Path(args.out)
    for sub in ("torchscript", "visual", "textual"):
        shutil.rmtree(out / sub, ignore_errors=True)
    model = load_trained()
    t0 = time.time()
    parity = export_model(model, out, IMAGE_SIZE, CONTEXT_LENGTH, MODEL_CFG)
    summary = json.loads((WORK / "train_summary.json").read_text())
    write_model_json(out, summary, parity, model)
    tok_par = tokenizer_parity(out / "textual" / "tokenizer.json")
    log(f"tokenizer parity: {tok_par['exact']}/{tok_par['total']} exact; mismatches: "
        f"{[m['text'][:40] for m in tok_par['mismatches']]}")
    log(f"export took {time.time() - t0:.1f}s; sizes {json.dumps(dir_sizes(out))}")


def tokenizer_parity(path, texts=None):
    from tokenizers import Tokenizer
    tk = Tokenizer.from_file(str(path))
    tok = get_tokenizer()
    texts = texts if texts is not None else TOKEN_CORPUS + caption_samples()
    ref = tok(texts).tolist()
    got = hf_ids(tk, texts)
    mism = [{"text": t, "open_clip": r, "tokenizer_json": g} for t, r, g in zip(texts, ref, got) if r != g]
    return {"total": len(texts), "exact": len(texts) - len(mism), "mismatches": mism}


def caption_samples(n=20):
    rng = np.random.default_rng(SEED + 3)
    caps = []
    while len(caps) < n:
        _, cap, _ = render_sample(rng)
        if cap not in caps:
            caps.append(cap)
    return caps


# ----------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------
def _scene(w, h, seed):
    """A small deterministic 'photo-like' picture: gradient background + shapes."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = 60 + 150 * xx / max(w - 1, 1)
    g = 40 + 160 * yy / max(h - 1, 1)
    b = 200 - 120 * (xx + yy) / max(w + h - 2, 1)
    img = Image.fromarray(np.stack([r, g, b], -1).clip(0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    for _ in range(4):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rad = rng.uniform(0.1, 0.3) * min(w, h) + 1
        col = tuple(int(c) for c in rng.integers(0, 256, 3))
        d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=col)
    d.rectangle([w * 0.1, h * 0.6, w * 0.35, h * 0.9], fill=(250, 250, 40))
    return img


def make_fixture_images(fx):
    made = {}

    def save(name, img, **kw):
        p = fx / name
        img.save(p, **kw)
        made[name] = p

    save("photo.jpg", _scene(96, 72, 1), format="JPEG", quality=92, subsampling=0)
    save("large_photo.jpg", _scene(320, 240, 2), format="JPEG", quality=85, subsampling=0)
    save("rgb.png", _scene(80, 60, 3), format="PNG")
    save("gray.png", _scene(70, 50, 4).convert("L"), format="PNG")
    rgba = _scene(64, 80, 5).convert("RGBA")
    a = np.zeros((80, 64), np.uint8)
    a[:, :] = np.linspace(0, 255, 64, dtype=np.float32).astype(np.uint8)[None, :]
    a[:20, :] = 0          # fully transparent band
    a[60:, :] = 255        # fully opaque band
    arr = np.asarray(rgba).copy()
    arr[..., 3] = a
    save("rgba_transparent.png", Image.fromarray(arr, "RGBA"), format="PNG")
    save("palette.png", _scene(72, 72, 6).quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE),
         format="PNG")
    # EXIF orientation 6: stored landscape 80x60, displayed (rotated 90 deg clockwise) as 60x80.
    stored = _scene(80, 60, 7)
    ImageDraw.Draw(stored).rectangle([0, 0, 15, 15], fill=(255, 0, 0))  # red marker top-left of stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6
    save("exif_rotated.jpg", stored, format="JPEG", quality=92, subsampling=0, exif=exif.tobytes())
    tiny = Image.fromarray(np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 0, 0]],
                                     [[255, 255, 255], [128, 128, 128], [0, 255, 255], [255, 0, 255], [40, 80, 120]],
                                     [[10, 20, 30], [200, 100, 50], [90, 180, 45], [30, 60, 250], [250, 250, 250]]],
                                    np.uint8), "RGB")
    save("tiny.png", tiny, format="PNG")
    save("wide.png", _scene(400, 40, 8), format="PNG")
    save("exact_64.png", _scene(64, 64, 9), format="PNG")
    return made


FIXTURE_NOTES = {
    "photo.jpg": "RGB JPEG 96x72, quality 92, 4:4:4 (no chroma subsampling)",
    "large_photo.jpg": "RGB JPEG 320x240 (downscale path), quality 85, 4:4:4",
    "rgb.png": "RGB PNG 80x60",
    "gray.png": "grayscale (L) PNG 70x50 -> replicated to 3 channels",
    "rgba_transparent.png": "RGBA PNG 64x80: alpha 0 in rows 0-19, 255 in rows 60-79, horizontal ramp between; "
                            "flattened on white",
    "palette.png": "palette (P) PNG 72x72, 16 colours, no transparency",
    "exif_rotated.jpg": "JPEG stored 80x60 with EXIF Orientation=6: must be rotated 90 deg clockwise to 60x80 "
                        "before preprocessing (red square marks the stored top-left corner, ends up top-right)",
    "tiny.png": "RGB PNG 5x3 (upscale path: resized to 106x64, crop left 21)",
    "wide.png": "RGB PNG 400x40 (resized to 640x64, crop left 288)",
    "exact_64.png": "RGB PNG 64x64 (no resize)",
}


def cmd_fixtures(args):
    import torch
    torch.set_num_threads(args.threads)
    seed_everything(SEED)
    out = Path(args.out)
    fx = out / "fixtures"
    shutil.rmtree(fx, ignore_errors=True)
    (fx / "preprocess").mkdir(parents=True)
    t0 = time.time()
    model = load_trained()
    tok = get_tokenizer()
    images = make_fixture_images(fx)

    # preprocess reference (+ cross-check against open_clip's own torchvision transform)
    import open_clip
    from open_clip.transform import PreprocessCfg, image_transform_v2
    oc_tf = image_transform_v2(PreprocessCfg(size=IMAGE_SIZE, mean=MEAN, std=STD, interpolation="bicubic",
                                             resize_mode="shortest"), is_train=False)
    pre = {"layout": "CHW", "dtype": "float32", "byte_order": "little", "shape": [3, IMAGE_SIZE, IMAGE_SIZE],
           "mean": list(MEAN), "std": list(STD), "alpha_background": "white (255,255,255)", "images": {}}
    tensors = {}
    for name, path in images.items():
        arr, info = preprocess(path)
        tensors[name] = arr
        binname = f"preprocess/{Path(name).stem}.bin"
        (fx / binname).write_bytes(arr.astype("<f4").tobytes())
        with Image.open(path) as im:
            src = {"format": im.format, "mode": im.mode, "size": list(im.size)}
        oc = oc_tf(load_rgb(path)).numpy()
        pre["images"][name] = {"file": name, "tensor": binname, "source": src, **info,
                               "note": FIXTURE_NOTES[name],
                               "sha256": hashlib.sha256(arr.astype("<f4").tobytes()).hexdigest(),
                               "max_abs_diff_vs_open_clip_transform": float(np.abs(oc - arr).max()),
                               "max_abs_diff_vs_torch_bicubic_antialias": torch_bicubic_diff(path)}
    (fx / "preprocess_reference.json").write_text(json.dumps(pre, indent=2) + "\n")

    # tokens
    from tokenizers import Tokenizer
    hf = Tokenizer.from_file(str(out / "textual" / "tokenizer.json"))
    ids = tok(TOKEN_CORPUS).tolist()
    hfi = hf_ids(hf, TOKEN_CORPUS)
    tokens = {"context_length": CONTEXT_LENGTH, "pad_id": PAD_ID, "sot_id": SOT_ID, "eot_id": EOT_ID,
              "source": "open_clip.get_tokenizer('ViT-B-32') (SimpleTokenizer) %s" % open_clip.__version__,
              "entries": [{"text": t, "ids": i, "tokenizer_json_matches": i == h,
                           **({} if i == h else {"tokenizer_json_ids": h})} for t, i, h in zip(TOKEN_CORPUS, ids, hfi)]}
    (fx / "tokens_reference.json").write_text(json.dumps(tokens, indent=1, ensure_ascii=False) + "\n")

    # embeddings (eager open_clip model, float32, eval)
    caps = caption_samples()
    with torch.no_grad():
        x = torch.from_numpy(np.stack([tensors[n] for n in images]))
        ie = model.encode_image(x, normalize=True).numpy()
        ce = model.encode_text(tok(caps), normalize=True).numpy()
        te = model.encode_text(tok(TOKEN_CORPUS), normalize=True).numpy()
    emb = {"model": MODEL_ID, "normalized": True, "dtype": "float32", "dim": MODEL_CFG["embed_dim"],
           "computed_with": "eager open_clip model in float32 eval mode, inputs from preprocess_reference / "
                            "tokens_reference",
           "images": {n: [float(v) for v in e] for n, e in zip(images, ie)},
           "captions": [{"text": c, "ids": i, "embedding": [float(v) for v in e]}
                        for c, i, e in zip(caps, tok(caps).tolist(), ce)],
           "texts": [{"text": c, "embedding": [float(v) for v in e]} for c, e in zip(TOKEN_CORPUS, te)]}
    (fx / "embeddings_reference.json").write_text(json.dumps(emb, ensure_ascii=False) + "\n")

    # held-out set
    hd = fx / "heldout"
    hd.mkdir()
    h_imgs, h_caps = load_split("heldout")
    mapping = {}
    for i, (a, c) in enumerate(zip(h_imgs, h_caps)):
        name = f"{i:03d}.png"
        Image.fromarray(a, "RGB").save(hd / name, format="PNG", optimize=True)
        mapping[name] = c
    (hd / "captions.json").write_text(json.dumps(mapping, indent=1) + "\n")
    # recompute from the PNG files through the reference pipeline (lossless, so identical to training eval)
    xs = torch.from_numpy(np.stack([preprocess(hd / n)[0] for n in mapping]))
    with torch.no_grad():
        hie = model.encode_image(xs, normalize=True).numpy()
        hte = model.encode_text(tok(list(mapping.values())), normalize=True).numpy()
    rec = recall_at(hte, hie, list(mapping.values()))
    rec_i2t = recall_at(hie, hte, list(mapping.values()))
    recall = {
        "model": MODEL_ID, "n_images": len(mapping), "n_distinct_captions": len(set(mapping.values())),
        "text_to_image": rec, "image_to_text": rec_i2t,
        "rule": ("Text->image: one query per held-out image, in file order (000.png..199.png); the query is "
                 "that image's caption. Encode every caption and every image with the model (embeddings "
                 "L2-normalised), score all 200 images by dot product with the query, sort descending, ties "
                 "broken by lower file index. Hit@K if ANY of the top-K images has a caption string exactly "
                 "equal to the query caption (so when several images share a caption, any of them counts). "
                 "Recall@K = hits / 200. Image->text is the mirror: query = image, candidates = the 200 "
                 "captions (one per image, duplicates included), hit if any top-K caption equals the "
                 "image's caption."),
        "expected_tolerance": "Java should reproduce these exactly (or within 1/200 if an embedding tie flips).",
    }
    (hd / "recall.json").write_text(json.dumps(recall, indent=2) + "\n")
    log(f"held-out from PNG files: t2i {rec} i2t {rec_i2t}")
    log(f"fixtures took {time.time() - t0:.1f}s")


def torch_bicubic_diff(path):
    """Max abs difference (normalised units) between PIL bicubic and torch's antialiased bicubic
    (float, a=-0.5) on the same RGB image: an estimate of what a different bicubic implementation gives."""
    import torch
    import torch.nn.functional as F
    img = load_rgb(path)
    w, h = img.size
    ref, info = resize_crop(img)
    nw, nh = info["resized"]
    if (nw, nh) == (w, h):
        return 0.0
    t = torch.from_numpy(np.asarray(img, np.float32)).permute(2, 0, 1)[None]
    r = F.interpolate(t, size=(nh, nw), mode="bicubic", antialias=True, align_corners=False)
    r = r.round().clamp(0, 255)[0]
    l, tp = info["crop_left"], info["crop_top"]
    r = r[:, tp:tp + IMAGE_SIZE, l:l + IMAGE_SIZE].permute(1, 2, 0).numpy().astype(np.uint8)
    a = to_tensor_np(Image.fromarray(r, "RGB"))
    return float(np.abs(a - to_tensor_np(ref)).max())


# ----------------------------------------------------------------------------------------------
# Benchmarks
# ----------------------------------------------------------------------------------------------
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


# ----------------------------------------------------------------------------------------------
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
