"""A CLIP model in the Hugging Face transformers ONNX layout, and what the transformers pipeline
makes of some inputs, for the Java test of that layout (services/embedder, HuggingFaceExportParityTest).

No model hub is reachable here, so the model is a transformers CLIPModel with small, seeded random
weights; the layout and the computation are those of real exports such as Xenova/clip-vit-base-patch32:
config.json, preprocessor_config.json, tokenizer.json, onnx/vision_model.onnx (pixel_values ->
image_embeds) and onnx/text_model.onnx (input_ids, attention_mask -> text_embeds).

The reference is the transformers pipeline itself: CLIPImageProcessor (the PIL implementation),
CLIPTokenizerFast over the same tokenizer.json, CLIPModel.get_image_features / get_text_features in
PyTorch, then L2 normalisation. Run through train_tiny_clip.sh (it provides the venv):

    tools/models/train_tiny_clip.sh hf-export services/embedder/src/test/resources/hf-clip-export
"""
import json
import shutil
from pathlib import Path

import numpy as np

SEED = 20261124
IMAGE_SIZE = 32
CONTEXT = 77
TEXTS = [
    "two small red circles on a white background",
    "one large blue square",
    "",
    "ünïcödé, emoji 🙂 and 中文",
    "a very long caption " * 40,
]


def _features(output):
    # transformers 4.x returns the projected tensor; 5.x may wrap it in a model output.
    import torch
    if isinstance(output, torch.Tensor):
        return output
    for name in ("image_embeds", "text_embeds", "pooler_output"):
        value = getattr(output, name, None)
        if value is not None:
            return value
    raise TypeError(f"unexpected features output {type(output)}")


def _normalise(x):
    x = np.asarray(x, dtype=np.float64)
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def export(out, tokenizer_json, images):
    import torch
    from PIL import Image
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPTokenizerFast

    torch.manual_seed(SEED)
    config = CLIPConfig(
        text_config=dict(vocab_size=49408, hidden_size=16, intermediate_size=32, num_hidden_layers=2,
                         num_attention_heads=2, max_position_embeddings=CONTEXT, bos_token_id=49406,
                         eos_token_id=49407, pad_token_id=49407),
        vision_config=dict(hidden_size=16, intermediate_size=32, num_hidden_layers=2, num_attention_heads=2,
                           image_size=IMAGE_SIZE, patch_size=8),
        projection_dim=8)
    model = CLIPModel(config).eval()
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "onnx").mkdir(parents=True)
    config.save_pretrained(out)
    processor = CLIPImageProcessor(size={"shortest_edge": IMAGE_SIZE},
                                   crop_size={"height": IMAGE_SIZE, "width": IMAGE_SIZE})
    processor.save_pretrained(out)
    # The same BPE, with the special tokens named as in transformers' CLIP tokenizers.
    tok_json = Path(tokenizer_json).read_text(encoding="utf-8")
    tok_json = tok_json.replace("<start_of_text>", "<|startoftext|>").replace("<end_of_text>", "<|endoftext|>")
    (out / "tokenizer.json").write_text(tok_json, encoding="utf-8")
    tokenizer = CLIPTokenizerFast(tokenizer_file=str(out / "tokenizer.json"), bos_token="<|startoftext|>",
                                  eos_token="<|endoftext|>", pad_token="<|endoftext|>",
                                  unk_token="<|endoftext|>", model_max_length=CONTEXT)

    class Vision(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, pixel_values):
            return _features(self.model.get_image_features(pixel_values=pixel_values))

    class Text(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return _features(self.model.get_text_features(input_ids=input_ids, attention_mask=attention_mask))

    pixels = torch.zeros(2, 3, IMAGE_SIZE, IMAGE_SIZE)
    ids = torch.full((2, CONTEXT), 49407, dtype=torch.int64)
    mask = torch.ones((2, CONTEXT), dtype=torch.int64)
    torch.onnx.export(Vision(), (pixels,), str(out / "onnx" / "vision_model.onnx"), input_names=["pixel_values"],
                      output_names=["image_embeds"], dynamic_axes={"pixel_values": {0: "batch"},
                                                                   "image_embeds": {0: "batch"}},
                      opset_version=17, dynamo=False)
    torch.onnx.export(Text(), (ids, mask), str(out / "onnx" / "text_model.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch"}, "attention_mask": {0: "batch"},
                                    "text_embeds": {0: "batch"}},
                      opset_version=17, dynamo=False)

    reference = {"images": {}, "texts": []}
    with torch.no_grad():
        for path in images:
            rgb = Image.open(path).convert("RGB")
            pv = processor(images=rgb, return_tensors="pt")["pixel_values"]
            emb = _normalise(_features(model.get_image_features(pixel_values=pv)).numpy())[0]
            reference["images"][Path(path).name] = {"embedding": emb.tolist(),
                                                    "pixel_mean": float(pv.mean())}
        for text in TEXTS:
            enc = tokenizer([text], padding="max_length", max_length=CONTEXT, truncation=True,
                            return_tensors="pt")
            emb = _features(model.get_text_features(input_ids=enc["input_ids"],
                                                    attention_mask=enc["attention_mask"]))
            reference["texts"].append({"text": text, "ids": enc["input_ids"][0].tolist(),
                                       "embedding": _normalise(emb.numpy())[0].tolist()})
    # The ONNX files must compute what PyTorch computed.
    import onnxruntime as ort
    sv = ort.InferenceSession(str(out / "onnx" / "vision_model.onnx"), providers=["CPUExecutionProvider"])
    for path in images:
        pv = processor(images=Image.open(path).convert("RGB"), return_tensors="np")["pixel_values"]
        got = _normalise(sv.run(None, {"pixel_values": pv.astype(np.float32)})[0])[0]
        want = np.asarray(reference["images"][Path(path).name]["embedding"])
        assert float(got @ want) > 0.9999, f"ONNX vision export differs for {path}"
    (out / "reference.json").write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")
    import transformers
    (out / "README.md").write_text(
        "A transformers-layout CLIP export with random weights and the transformers pipeline's outputs "
        f"(reference.json), made by tools/models/hf_clip_export.py with transformers {transformers.__version__} "
        f"and torch {torch.__version__}. Test data only: it knows nothing about images.\n")
    return reference
