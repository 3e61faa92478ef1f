"""The Java tests' reference fixtures: preprocessing, tokens, embeddings, held-out set (subcommand `fixtures`)."""

import hashlib
import json
import shutil
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from .common import CONTEXT_LENGTH, EOT_ID, IMAGE_SIZE, MEAN, PAD_ID, SEED, SOT_ID, STD, log, seed_everything
from .model import get_tokenizer, load_trained, recall_at
from .preprocess import load_rgb, preprocess, resize_crop, to_tensor_np
from .render import caption_samples, load_split
from .tokenizer import TOKEN_CORPUS, hf_ids


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
    variant = args.variant
    model = load_trained(variant)
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
    emb = {"model": variant.model_id, "normalized": True, "dtype": "float32", "dim": variant.model_cfg["embed_dim"],
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
        "model": variant.model_id, "n_images": len(mapping), "n_distinct_captions": len(set(mapping.values())),
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
