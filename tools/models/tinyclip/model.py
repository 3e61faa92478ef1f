"""Building the open_clip model, encoding, held-out recall, and loading the trained weights."""

import numpy as np

from .preprocess import uint8_batch_to_tensor


def build_model(cfg):
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
    return _in_batches(model.encode_image, x, batch)


def encode_texts(model, tokens, batch=256):
    return _in_batches(model.encode_text, tokens, batch)


def _in_batches(encode, x, batch):
    """Normalised embeddings of x, `batch` rows per forward pass."""
    import torch
    outs = []
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            outs.append(encode(x[i:i + batch], normalize=True))
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


def load_trained(variant):
    import torch
    model = build_model(variant.model_cfg)
    model.load_state_dict(torch.load(variant.weights_dir / "model.pt", map_location="cpu"))
    return model.eval()
