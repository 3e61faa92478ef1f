package io.imagesearch.embedder;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** DJL predictors are not thread-safe; callers borrow one for a forward pass and give it back. */
final class PredictorPool implements AutoCloseable {

  private final Model model;
  private final BlockingQueue<Predictor<NDList, NDList>> idle;
  private final List<Predictor<NDList, NDList>> all = new ArrayList<>();

  PredictorPool(Model model, int size) {
    this.model = model;
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
      all.add(predictor);
      idle.add(predictor);
    }
  }

  Model model() {
    return model;
  }

  /** Runs {@code work} with a predictor of its own, waiting for one to be free. */
  <T> T with(PredictorWork<T> work) {
    Predictor<NDList, NDList> predictor;
    try {
      predictor = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while waiting for a predictor", e);
    }
    try {
      return work.apply(predictor);
    } finally {
      idle.add(predictor);
    }
  }

  @FunctionalInterface
  interface PredictorWork<T> {
    T apply(Predictor<NDList, NDList> predictor);
  }

  @Override
  public void close() {
    all.forEach(Predictor::close);
    model.close();
  }
}
