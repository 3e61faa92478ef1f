package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.GoldenQuery;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.imaging.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a candidate model against the serving one on the user's own library before it may serve:
 * recall@k of the golden queries (texts with the images they should find) and of a self-consistency
 * check (a sample of stored images, each searched by its own thumbnail, which is the same picture
 * at another size and compression). Each model searches its own index.
 */
public final class RecallGate {

  private static final Logger LOG = LoggerFactory.getLogger(RecallGate.class);

  /** Thumbnails embedded in one forward pass. */
  private static final int EMBED_BATCH = 16;

  private final ObjectStore objects;
  private final ImageDecoder decoder;
  private final GateSettings settings;
  private final Clock clock;

  public RecallGate(ObjectStore objects, ImageDecoder decoder, GateSettings settings, Clock clock) {
    this.objects = objects;
    this.decoder = decoder;
    this.settings = settings;
    this.clock = clock;
  }

  public GateResult evaluate(LoadedModel current, LoadedModel candidate, List<GoldenQuery> golden) {
    List<RecallCheck> checks = new ArrayList<>(2);
    if (!golden.isEmpty()) {
      checks.add(
          new RecallCheck(
              RecallCheck.GOLDEN,
              settings.k(),
              golden.size(),
              goldenRecall(current, golden),
              goldenRecall(candidate, golden)));
    }
    List<Sampled> sample = sample(current, candidate);
    if (!sample.isEmpty()) {
      checks.add(
          new RecallCheck(
              RecallCheck.SELF_CONSISTENCY,
              settings.k(),
              sample.size(),
              selfRecall(current, sample),
              selfRecall(candidate, sample)));
    }
    GateResult result = decide(current, candidate, checks);
    LOG.info(
        "Recall gate, {} against {}: {}",
        candidate.ref().describe(),
        current.ref().describe(),
        result.reason());
    return result;
  }

  private GateResult decide(LoadedModel current, LoadedModel candidate, List<RecallCheck> checks) {
    if (checks.isEmpty()) {
      return new GateResult(
          true,
          "nothing to measure (no stored image, no golden query): the candidate may serve",
          clock.instant(),
          checks);
    }
    List<String> failed = new ArrayList<>();
    for (RecallCheck check : checks) {
      double bar = bar(check);
      if (check.candidate() < bar) {
        failed.add(
            String.format(
                Locale.ROOT,
                "%s recall@%d %.3f is below %s",
                check.name(),
                check.k(),
                check.candidate(),
                settings.minRecall().isPresent()
                    ? String.format(Locale.ROOT, "the required %.3f", bar)
                    : String.format(
                        Locale.ROOT,
                        "%s's %.3f%s",
                        current.ref().describe(),
                        check.current(),
                        settings.tolerance() > 0
                            ? String.format(
                                Locale.ROOT, " less the tolerance %.3f", settings.tolerance())
                            : "")));
      }
    }
    String numbers =
        checks.stream()
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        "%s recall@%d %.3f (current %.3f, %d queries)",
                        c.name(),
                        c.k(),
                        c.candidate(),
                        c.current(),
                        c.queries()))
            .collect(Collectors.joining(", "));
    String reason =
        failed.isEmpty()
            ? candidate.ref().describe() + " passed: " + numbers
            : candidate.ref().describe()
                + " refused, "
                + current.ref().describe()
                + " keeps serving: "
                + String.join("; ", failed);
    return new GateResult(failed.isEmpty(), reason, clock.instant(), checks);
  }

  private double bar(RecallCheck check) {
    return settings.minRecall().isPresent()
        ? settings.minRecall().getAsDouble()
        : check.current() - settings.tolerance();
  }

  /** Mean over the queries of the share of expected images found in the first k. */
  private double goldenRecall(LoadedModel model, List<GoldenQuery> golden) {
    double sum = 0;
    for (GoldenQuery query : golden) {
      Set<ImageId> found = topK(model, model.embedder().embedText(query.text()));
      long hits = query.expected().stream().filter(found::contains).count();
      sum += (double) hits / Math.min(settings.k(), query.expected().size());
    }
    return sum / golden.size();
  }

  /** The share of sampled images found in the first k when searched by their own thumbnail. */
  private double selfRecall(LoadedModel model, List<Sampled> sample) {
    int hits = 0;
    for (int from = 0; from < sample.size(); from += EMBED_BATCH) {
      List<Sampled> batch = sample.subList(from, Math.min(sample.size(), from + EMBED_BATCH));
      List<float[]> vectors =
          model.embedder().embedImages(batch.stream().map(Sampled::thumbnail).toList());
      for (int i = 0; i < batch.size(); i++) {
        if (topK(model, vectors.get(i)).contains(batch.get(i).id())) {
          hits++;
        }
      }
    }
    return (double) hits / sample.size();
  }

  private Set<ImageId> topK(LoadedModel model, float[] query) {
    return model.index().search(VectorQuery.topK(query, settings.k())).stream()
        .map(SearchHit::id)
        .collect(Collectors.toSet());
  }

  private record Sampled(ImageId id, BufferedImage thumbnail) {}

  /**
   * The first stored images (in key order, which a SHA-256 id makes a random order) that both
   * indexes hold and whose thumbnail is stored.
   */
  private List<Sampled> sample(LoadedModel current, LoadedModel candidate) {
    List<Sampled> sample = new ArrayList<>(settings.selfCheckSample());
    String after = "";
    while (sample.size() < settings.selfCheckSample()) {
      List<String> keys = objects.list(ImageId.IMAGE_KEY_PREFIX, after, 200);
      if (keys.isEmpty()) {
        break;
      }
      after = keys.getLast();
      for (String key : keys) {
        if (sample.size() == settings.selfCheckSample()) {
          break;
        }
        ImageId.fromImageKey(key)
            .filter(id -> current.index().get(id).isPresent())
            .filter(id -> candidate.index().get(id).isPresent())
            .flatMap(id -> thumbnail(id).map(t -> new Sampled(id, t)))
            .ifPresent(sample::add);
      }
    }
    return sample;
  }

  private Optional<BufferedImage> thumbnail(ImageId id) {
    Optional<InputStream> opened = objects.open(id.thumbnailKey());
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = opened.get()) {
      return Optional.of(decoder.decode(in.readAllBytes()).rgb());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + id.thumbnailKey(), e);
    }
  }
}
