"""Training the tiny dual encoder on CPU (subcommand `train`)."""

import json
import math
import time

from .common import SEED, TRAIN_SEED, WORK, log, seed_everything
from .model import build_model, encode_text_prefix, evaluate, get_tokenizer
from .preprocess import uint8_batch_to_tensor
from .render import cmd_render, load_split


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

    variant = args.variant
    model = build_model(variant.model_cfg)
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
    variant.weights_dir.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), variant.weights_dir / "model.pt")
    summary = {"heldout": metrics, "train_seconds": round(train_secs, 1), "threads": args.threads,
               "steps": steps, "batch_size": bs, "lr": args.lr, "n_train": len(caps),
               "n_params": n_params, "torch": torch.__version__, "history": history}
    (variant.weights_dir / "train_summary.json").write_text(json.dumps(summary, indent=2))
    log(f"training took {train_secs:.0f}s; held-out {json.dumps(metrics)}")
    if metrics["text_to_image"]["R@1"] < 0.85:
        log("WARNING: held-out text->image R@1 < 0.85")
        return 1
    return 0
