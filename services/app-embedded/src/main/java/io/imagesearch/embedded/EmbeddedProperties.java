package io.imagesearch.embedded;

import static java.util.Objects.requireNonNullElse;

import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.storage.local.LuceneIndexOptions;
import io.imagesearch.storage.local.VectorEncoding;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Embedded mode's own configuration, bound from {@code imagesearch.*} (environment variables such
 * as {@code IMAGESEARCH_DATA_DIR} work too) and validated at start-up. The ingest settings, which
 * the distributed services share, are {@link io.imagesearch.wiring.IngestSettings}.
 */
@Validated
@ConfigurationProperties("imagesearch")
public record EmbeddedProperties(
    @NotNull Path dataDir,
    @Valid @NotNull Model model,
    @Valid @DefaultValue Storage storage,
    @DefaultValue Index index) {

  /** The setting of the free-space floor, as refusals name it. */
  public static final String MIN_FREE_DISK = "imagesearch.storage.min-free-disk";

  /**
   * @param minFreeDisk uploads are refused (507) when storing them would leave less free space on
   *     the data folder's disk; 0 turns the check off
   */
  public record Storage(@NotNull @DefaultValue("1GB") DataSize minFreeDisk) {
    public Storage {
      if (minFreeDisk != null && minFreeDisk.isNegative()) {
        throw new IllegalArgumentException(
            MIN_FREE_DISK + " must not be negative, got " + minFreeDisk);
      }
    }
  }

  /**
   * @param location a folder, an https archive URL with #sha256=, or hf:owner/name@revision
   * @param format which export of the model to run
   * @param cacheDir where downloaded models are kept
   * @param huggingFaceEndpoint base URL for hf: locations (a mirror may be given)
   * @param threads intra-op threads of one forward pass
   */
  public record Model(
      @NotBlank String location,
      @NotNull @DefaultValue("ONNX") ModelFormat format,
      Path cacheDir,
      @NotBlank @DefaultValue("https://huggingface.co") String huggingFaceEndpoint,
      @Min(1) @Max(256) @DefaultValue("2") int threads) {}

  /**
   * The embedded vector index ({@code imagesearch.index.*}); {@link LuceneIndexOptions} documents
   * each setting, holds the default of a key left out and checks them together at start-up.
   */
  public record Index(
      Integer exactScanBelow,
      VectorEncoding encoding,
      Integer maxConnections,
      Integer beamWidth,
      Integer minCandidates,
      Double oversample,
      Integer rescorePerResult,
      Duration mergeWhenIdle,
      Integer maxSegments) {

    public LuceneIndexOptions options() {
      LuceneIndexOptions defaults = LuceneIndexOptions.DEFAULTS;
      VectorEncoding chosen = requireNonNullElse(encoding, defaults.encoding());
      return new LuceneIndexOptions(
          requireNonNullElse(exactScanBelow, defaults.exactScanBelow()),
          chosen,
          requireNonNullElse(maxConnections, defaults.maxConnections()),
          requireNonNullElse(beamWidth, defaults.beamWidth()),
          requireNonNullElse(minCandidates, defaults.minCandidates()),
          requireNonNullElse(oversample, defaults.oversample()),
          requireNonNullElse(rescorePerResult, chosen.defaultRescorePerResult()),
          requireNonNullElse(mergeWhenIdle, defaults.mergeWhenIdle()),
          requireNonNullElse(maxSegments, defaults.maxSegments()));
    }
  }

  public Path modelCacheDir() {
    return model.cacheDir() != null ? model.cacheDir() : dataDir.resolve("models");
  }

  /** The API keys (hashed), shared by the server and the {@code keys} command. */
  public Path apiKeyDatabase() {
    return dataDir.resolve("api-keys.db");
  }

  /** Where the first start leaves the admin key it created, readable by its user only. */
  public Path adminKeyFile() {
    return dataDir.resolve("admin-key");
  }
}
