package io.imagesearch.embedder;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Embedder} port on DJL: TorchScript towers on the PyTorch engine or ONNX towers on ONNX
 * Runtime, with the model's own preprocessing and tokenizer. Runs on a GPU when DJL finds one.
 * Thread-safe: forward passes borrow pooled predictors. Every forward pass (and tokenization, also
 * native) runs through a {@link ForwardPassGuard}, so {@link #close} never frees the engine's
 * memory under one.
 */
public final class DjlClipEmbedder implements Embedder {

  private static final Logger LOG = LoggerFactory.getLogger(DjlClipEmbedder.class);

  private static final String PROBE_TEXT = "two small red circles on a white background";

  /** Float noise between two runs of the same tower stays far above this cosine. */
  private static final double SAME_EMBEDDING = 0.99999;

  /**
   * How long {@link #close} waits for running forward passes. A worker that stops lets its batch
   * finish first, so this only bounds passes that outlast the worker's grace period, and keeps a
   * stopping process (with Kubernetes' preStop pause and the worker's grace) within its termination
   * grace period.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final ClipModelSpec spec;
  private final EmbedderOptions options;
  private final ImagePreprocessor preprocessor;
  private final ClipTokenizer tokenizer;
  private final PredictorPool visual;
  private final PredictorPool textual;
  private final boolean textTakesAttentionMask;

  /**
   * Whether a batch of texts is padded only up to its longest text instead of the whole context:
   * captions and queries are a dozen ids of 77, and the forward pass scales with the length.
   */
  private final boolean textLengthVariable;

  /**
   * Resizes the images of a batch on the intra-op thread budget: with a small model, the resize
   * costs several times the forward pass and would otherwise run on the caller's thread alone.
   */
  private final ForkJoinPool preprocessing;

  private final ForwardPassGuard guard;
  private final AtomicBoolean released = new AtomicBoolean();

  private DjlClipEmbedder(
      ClipModelSpec spec,
      EmbedderOptions options,
      ClipTokenizer tokenizer,
      PredictorPool visual,
      PredictorPool textual) {
    this.spec = spec;
    this.options = options;
    this.preprocessor = spec.preprocessor();
    this.tokenizer = tokenizer;
    this.visual = visual;
    this.textual = textual;
    // Hugging Face text towers take (input_ids, attention_mask); open_clip/immich ones take ids.
    var inputs = textual.model().describeInput();
    this.textTakesAttentionMask = inputs != null && inputs.size() >= 2;
    this.textLengthVariable = acceptsShorterTexts();
    this.preprocessing = new ForkJoinPool(options.intraOpThreads());
    this.guard = new ForwardPassGuard(spec.modelId());
    LOG.info(
        "Text tower of {}: {}",
        spec.modelId(),
        textLengthVariable
            ? "texts padded to the longest of their batch"
            : "texts padded to " + spec.contextLength() + " ids");
  }

  public static DjlClipEmbedder load(ClipModelSpec spec, EmbedderOptions options) {
    DjlRuntime.configure(spec.format(), options);
    ClipTokenizer tokenizer =
        new ClipTokenizer(spec.tokenizer(), spec.contextLength(), spec.padId());
    PredictorPool visual =
        new PredictorPool(loadTower(spec, spec.visual(), options, false), options.predictors());
    PredictorPool textual =
        new PredictorPool(loadTower(spec, spec.textual(), options, true), options.predictors());
    LOG.info(
        "Loaded model {} ({}, {} dimensions) on {} with {} intra-op threads",
        spec.modelId(),
        spec.format(),
        spec.dimension(),
        visual.model().getNDManager().getDevice(),
        options.intraOpThreads());
    return new DjlClipEmbedder(spec, options, tokenizer, visual, textual);
  }

  private static Model loadTower(
      ClipModelSpec spec, Path file, EmbedderOptions options, boolean spinning) {
    if (spec.format() == ModelFormat.ONNX) {
      return loadOnnxTower(file, options, spinning);
    }
    Criteria.Builder<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file)
            .optEngine(spec.format().engine())
            .optTranslator(new NoopTranslator());
    try {
      return criteria.build().loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException e) {
      throw new InvalidModelException("cannot load " + file + " with " + spec.format(), e);
    }
  }

  /**
   * ONNX towers get session options of their own, which DJL's criteria cannot carry. The image
   * tower's intra-op threads sleep when a forward pass ends instead of spinning, leaving the cores
   * to the decoding and resizing that run between passes; the text tower keeps ONNX Runtime's
   * spinning, which answers the next query sooner.
   */
  private static Model loadOnnxTower(Path file, EmbedderOptions options, boolean spinning) {
    Model model = Model.newInstance(file.toString(), ModelFormat.ONNX.engine());
    try (OrtSession.SessionOptions session = new OrtSession.SessionOptions()) {
      session.setIntraOpNumThreads(options.intraOpThreads());
      session.setInterOpNumThreads(1);
      session.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
      model.load(
          file.getParent(), file.getFileName().toString(), Map.of("sessionOptions", session));
      return model;
    } catch (OrtException | MalformedModelException | IOException e) {
      model.close();
      throw new InvalidModelException("cannot load " + file + " with " + ModelFormat.ONNX, e);
    }
  }

  @Override
  public String modelId() {
    return spec.modelId();
  }

  @Override
  public int dimension() {
    return spec.dimension();
  }

  public ClipModelSpec spec() {
    return spec;
  }

  @Override
  public List<float[]> embedImages(List<BufferedImage> images) {
    return inBatches(images, this::embedImageBatch);
  }

  /** The image's CHW tensor, resized, cropped and normalised on the calling thread. */
  @Override
  public ImageInput prepareImage(BufferedImage image) {
    float[] chw = new float[preprocessor.tensorLength()];
    preprocessor.writeTensor(image, chw, 0);
    return new ImageTensor(this, chw);
  }

  /** The forward passes alone: the inputs' tensors laid end to end, a batch at a time. */
  @Override
  public List<float[]> embedPrepared(List<ImageInput> inputs) {
    return inBatches(inputs, this::embedPreparedBatch);
  }

  private List<float[]> embedPreparedBatch(List<ImageInput> batch) {
    int length = preprocessor.tensorLength();
    float[] pixels = new float[batch.size() * length];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(tensorOf(batch.get(i)), 0, pixels, i * length, length);
    }
    return imageTower(pixels, batch.size());
  }

  private float[] tensorOf(ImageInput input) {
    if (input instanceof ImageTensor tensor && tensor.owner() == this) {
      return tensor.chw();
    }
    throw new IllegalArgumentException(
        "an image input not prepared by this embedder (" + spec.modelId() + ")");
  }

  /**
   * {@code pass} over consecutive batches of at most the configured size; the vectors in order.
   * Each batch is guarded on its own, so a close waits for the batch in progress, not the rest.
   */
  private <T> List<float[]> inBatches(List<T> items, Function<List<T>, List<float[]>> pass) {
    List<float[]> out = new ArrayList<>(items.size());
    for (int start = 0; start < items.size(); start += options.batchSize()) {
      List<T> batch = items.subList(start, Math.min(items.size(), start + options.batchSize()));
      out.addAll(guard.run(() -> pass.apply(batch)));
    }
    return out;
  }

  /** What {@link #prepareImage} makes; the owner keeps another model's tensor out. */
  private record ImageTensor(DjlClipEmbedder owner, float[] chw) implements ImageInput {}

  private List<float[]> embedImageBatch(List<BufferedImage> batch) {
    return imageTower(tensors(batch), batch.size());
  }

  /** The CHW tensors of the images laid end to end, ready for {@link #embedTensors}. */
  public float[] preprocess(List<BufferedImage> batch) {
    // Guarded too: it runs on the pool that close shuts down.
    return guard.run(() -> tensors(batch));
  }

  private float[] tensors(List<BufferedImage> batch) {
    int length = preprocessor.tensorLength();
    float[] pixels = new float[batch.size() * length];
    if (batch.size() == 1) {
      // One image: its rows are spread over the threads instead.
      preprocessor.writeTensor(batch.getFirst(), pixels, 0, RowLoop.on(preprocessing));
      return pixels;
    }
    // Each image writes its own slice of the array.
    preprocessing
        .submit(
            () ->
                IntStream.range(0, batch.size())
                    .parallel()
                    .forEach(i -> preprocessor.writeTensor(batch.get(i), pixels, i * length)))
        .join();
    return pixels;
  }

  /** Runs the image tower on {@code n} preprocessed CHW tensors laid end to end. */
  public List<float[]> embedTensors(float[] pixels, int n) {
    return guard.run(() -> imageTower(pixels, n));
  }

  private List<float[]> imageTower(float[] pixels, int n) {
    Shape shape = new Shape(n, 3, spec.imageSize(), spec.imageSize());
    return visual.with(
        predictor -> {
          try (NDManager manager = visual.model().getNDManager().newSubManager()) {
            NDArray input = manager.create(pixels, shape);
            return rows(predictor.predict(new NDList(input)).get(0), n);
          } catch (TranslateException e) {
            throw new EmbeddingException("image forward pass failed for " + spec.modelId(), e);
          }
        });
  }

  @Override
  public float[] embedText(String text) {
    return embedTexts(List.of(text)).getFirst();
  }

  /** Guarded with the tokenizer too: it is native code that {@link #close} frees as well. */
  public List<float[]> embedTexts(List<String> texts) {
    return guard.run(
        () -> {
          List<long[]> encoded = texts.stream().map(tokenizer::ids).toList();
          int length = paddedLength(encoded);
          return embedIds(tokenizer.padRows(encoded, length), texts.size(), length);
        });
  }

  /** Runs the text tower on {@code n} rows of {@code length} ids laid end to end. */
  private List<float[]> embedIds(long[] ids, int n, int length) {
    Shape shape = new Shape(n, length);
    return textual.with(
        predictor -> {
          try (NDManager manager = textual.model().getNDManager().newSubManager()) {
            NDList inputs = new NDList(textInput(manager, ids, shape));
            if (textTakesAttentionMask) {
              inputs.add(textInput(manager, attentionMask(ids, length), shape));
            }
            return rows(predictor.predict(inputs).get(0), n);
          } catch (TranslateException e) {
            throw new EmbeddingException("text forward pass failed for " + spec.modelId(), e);
          }
        });
  }

  /** The number of ids per text that {@link #embedTexts} feeds the text tower for this batch. */
  int textSequenceLength(List<String> texts) {
    return guard.run(() -> paddedLength(texts.stream().map(tokenizer::ids).toList()));
  }

  private int paddedLength(List<long[]> encoded) {
    if (!textLengthVariable) {
      return tokenizer.contextLength();
    }
    return encoded.stream().mapToInt(ids -> ids.length).max().orElse(tokenizer.contextLength());
  }

  /**
   * Whether the text tower takes fewer ids than its context and ignores the padding after a text's
   * end token, as causal CLIP towers do; a batch then needs padding only up to its longest text.
   * Asked of the tower itself, since the files do not say it reliably: an ONNX graph may pin the
   * context length (and DJL does not report input shapes), and a tower that attends to the padding
   * would take the shorter input but embed it differently.
   */
  private boolean acceptsShorterTexts() {
    long[] ids = tokenizer.ids(PROBE_TEXT);
    int context = tokenizer.contextLength();
    if (ids.length >= context) {
      return false;
    }
    float[] padded = embedIds(tokenizer.pad(ids, context), 1, context).getFirst();
    try {
      float[] unpadded = embedIds(ids, 1, ids.length).getFirst();
      return Vectors.cosine(padded, unpadded) >= SAME_EMBEDDING;
    } catch (RuntimeException e) {
      LOG.debug("The text tower of {} refuses texts shorter than its context", spec.modelId(), e);
      return false;
    }
  }

  /** Ids in the integer type the tower declares, created in that type rather than converted. */
  private NDArray textInput(NDManager manager, long[] values, Shape shape) {
    if (spec.textIdsAreInt64()) {
      return manager.create(values, shape);
    }
    int[] narrow = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      narrow[i] = Math.toIntExact(values[i]);
    }
    return manager.create(narrow, shape);
  }

  /** 1 up to and including each row's first end-of-text token, 0 on the padding after it. */
  static long[] attentionMask(long[] ids, int context) {
    long[] mask = new long[ids.length];
    for (int row = 0; row < ids.length / context; row++) {
      for (int i = 0; i < context; i++) {
        mask[row * context + i] = 1;
        if (ids[row * context + i] == ClipModelSpecReader.CLIP_EOT_ID) {
          break;
        }
      }
    }
    return mask;
  }

  /** Splits a [n, d] output into L2-normalised rows. */
  private List<float[]> rows(NDArray output, int n) {
    NDArray floats =
        output.getDataType() == DataType.FLOAT32 ? output : output.toType(DataType.FLOAT32, false);
    float[] flat = floats.toFloatArray();
    int d = flat.length / n;
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] row = new float[d];
      System.arraycopy(flat, i * d, row, 0, d);
      out.add(Vectors.normalise(row));
    }
    return out;
  }

  /** Token ids as the text tower sees them, for parity checks. */
  public long[] tokenize(String text) {
    return guard.run(() -> tokenizer.encode(text));
  }

  /**
   * Refuses new forward passes ({@link io.imagesearch.core.port.EmbedderClosedException}), waits up
   * to {@link #CLOSE_TIMEOUT} for the running ones, then frees the engine's memory. If a pass still
   * runs then, the memory is left to the process's exit: freeing it under the pass would crash the
   * JVM.
   */
  @Override
  public void close() {
    long start = System.nanoTime();
    if (!guard.close(CLOSE_TIMEOUT)) {
      LOG.error(
          "Model {}: {} forward passes still run after {} ms; its native memory is left to the"
              + " process's exit, since freeing it under them would crash the JVM",
          spec.modelId(),
          guard.running(),
          CLOSE_TIMEOUT.toMillis());
      return;
    }
    long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
    if (!released.compareAndSet(false, true)) {
      return;
    }
    preprocessing.shutdownNow();
    visual.close();
    textual.close();
    tokenizer.close();
    LOG.info("Closed model {} (waited {} ms for running forward passes)", spec.modelId(), waited);
  }
}
