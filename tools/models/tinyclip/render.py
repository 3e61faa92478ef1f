"""The synthetic captioned shape images (subcommand `render`) and loading them from the cache."""

import json
import math
import time

import numpy as np
from PIL import Image, ImageDraw

from .common import HELDOUT_SEED, IMAGE_SIZE, N_HELDOUT, SEED, TRAIN_SEED, WORK, log


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


def caption_samples(n=20):
    rng = np.random.default_rng(SEED + 3)
    caps = []
    while len(caps) < n:
        _, cap, _ = render_sample(rng)
        if cap not in caps:
            caps.append(cap)
    return caps
