#!/usr/bin/env python3
"""Texts/s of an ONNX text tower alone (no tokenizer), at batch 1, 8 and 32, in whatever onnxruntime the
running Python has: compares ONNX Runtime versions on the same graph. Each text is a start token, 10 ids and
an end token; PADDING=context (default) pads them to 77 ids, PADDING=longest sends the 12.

  python tools/bench/ort_text_tower.py MODEL_DIR/textual/model.onnx [THREADS]
e.g. with the tools venv (the onnxruntime the Java embedder runs) and with another version beside it:
  ~/.cache/imagesearch-models/venv/bin/python tools/bench/ort_text_tower.py ~/.cache/imagesearch-bench/vit-b-32/textual/model.onnx
  python3 -m venv /tmp/ort && /tmp/ort/bin/pip install -q onnxruntime==1.31.1 numpy && /tmp/ort/bin/python tools/bench/ort_text_tower.py ...
"""
import os
import sys
import time

import numpy as np
import onnxruntime as ort

model = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
length = 12 if os.environ.get("PADDING", "context") == "longest" else 77
so = ort.SessionOptions()
so.intra_op_num_threads = threads
so.inter_op_num_threads = 1
session = ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])
name = session.get_inputs()[0].name
rng = np.random.default_rng(0)
for batch in (1, 8, 32):
    ids = np.zeros((batch, length), np.int32)
    ids[:, 0], ids[:, 1:11], ids[:, 11] = 49406, rng.integers(300, 40000, (batch, 10)), 49407
    for _ in range(3):
        session.run(None, {name: ids})
    calls = max(1, 400 // batch)
    start = time.perf_counter()
    for _ in range(calls):
        session.run(None, {name: ids})
    seconds = time.perf_counter() - start
    print(f"onnxruntime {ort.__version__} threads {threads} batch {batch} ids {length}: "
          f"{calls * batch / seconds:.1f} texts/s")
