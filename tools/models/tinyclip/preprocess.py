"""The reference preprocessing the Java embedder must reproduce (decode, flatten, resize, crop, normalise)."""

import numpy as np
from PIL import Image, ImageOps

from .common import IMAGE_SIZE, MEAN, STD


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
