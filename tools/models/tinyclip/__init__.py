"""The tiny CLIP model's tools, one module per step; tools/models/tiny_clip.py is the command line.

common      paths, seeds, model and training configuration
variants    the models trained (`--variant`): id, dimension, training defaults, output folder
render      synthetic captioned shape images (`render`)
preprocess  the reference preprocessing the Java embedder reproduces
model       open_clip model, encoding, held-out recall
train       training on CPU (`train`)
tokenizer   tokenizer.json built from open_clip's vocabulary, and its parity check
export      TorchScript + ONNX in the immich layout and model.json (`export`)
fixtures    the Java tests' reference fixtures (`fixtures`)
untrained   a variant with its untrained seeded weights, exported the same way (`untrained`)
bench       `bench-model` and `bench-python`
"""
