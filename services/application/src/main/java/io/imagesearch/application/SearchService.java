package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordTerms;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryPosition;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.imaging.DecodingMemory;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.PerceptualHash;
import java.util.List;
import java.util.Optional;

/**
 * Search by text, by an uploaded image or by a stored one; metadata and deletion of images. Each
 * request takes the serving model once and uses its embedder and its index together, so a switch of
 * model in the middle of a request cannot mix two vector spaces.
 */
public final class SearchService {

  /**
   * Characters of a query text that are read; a longer text is cut here, not refused, as the model
   * cuts it to its context (77 tokens for CLIP, about 300 characters of English) anyway. The cut
   * only bounds the cost of tokenizing.
   */
  public static final int MAX_QUERY_LENGTH = 1000;

  /** Candidates examined when looking for near-duplicates by perceptual hash. */
  private static final int NEAR_DUPLICATE_CANDIDATES = 100;

  private final ModelSlot models;
  private final ObjectStore objects;
  private final ImageDecoder decoder;
  private final RankedSearch ranked;

  public SearchService(ModelSlot models, ObjectStore objects, ImageDecoder decoder) {
    this(models, objects, decoder, RankingSettings.DEFAULTS);
  }

  public SearchService(
      ModelSlot models, ObjectStore objects, ImageDecoder decoder, RankingSettings ranking) {
    this.models = models;
    this.objects = objects;
    this.decoder = decoder;
    this.ranked = new RankedSearch(ranking);
  }

  /** A semantic search: the images whose meaning is closest to the text's. */
  public List<SearchHit> byText(String text, SearchRequest request) {
    return byText(text, SearchMode.SEMANTIC, request).hits();
  }

  /**
   * The images matching a text by meaning, by words or both, as {@code mode} says. A text longer
   * than {@value #MAX_QUERY_LENGTH} characters is read up to there.
   */
  public SearchResult byText(String text, SearchMode mode, SearchRequest request) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException("the query text is empty: describe the image you look for");
    }
    String query = readable(text.strip());
    LoadedModel model = models.serving();
    float[] vector = mode == SearchMode.KEYWORD ? null : model.embedder().embedText(query);
    List<String> terms = mode == SearchMode.SEMANTIC ? List.of() : KeywordTerms.ofQuery(query);
    return ranked.run(model.index(), vector, terms, mode, request);
  }

  /**
   * @throws io.imagesearch.imaging.ImageRejectedException when the bytes are not an acceptable
   *     image, from the header before any decoding
   */
  public List<SearchHit> byImage(byte[] bytes, SearchRequest request) {
    // Decoded within the process's decoding budget, shared with the ingest workers.
    LoadedModel model = models.serving();
    float[] vector =
        decoder.decodeWithin(
            DecodingMemory.shared(),
            bytes,
            image -> model.embedder().embedImages(List.of(image.rgb())).getFirst());
    return ranked.run(model.index(), vector, List.of(), SearchMode.SEMANTIC, request).hits();
  }

  /**
   * Images most like a stored one, the image itself excluded: the index is asked for one hit more
   * than the page, which may be the image itself. That extra hit is the service's own, so it is not
   * held to the request's limit (a page of {@value SearchRequest#MAX_LIMIT} stays allowed).
   */
  public List<SearchHit> similarTo(ImageId id, SearchRequest request) {
    LoadedModel model = models.serving();
    IndexedImage image = require(model, id);
    return model
        .index()
        .search(
            new VectorQuery(
                image.vector(),
                request.limit() + 1,
                request.offset(),
                request.filter(),
                request.fixedMinScore()))
        .stream()
        .filter(hit -> !hit.id().equals(id))
        .limit(request.limit())
        .toList();
  }

  /** Other images whose perceptual hash is within {@code maxDistance} bits, closest first. */
  public List<SearchHit> nearDuplicates(ImageId id, int maxDistance) {
    if (maxDistance < 0 || maxDistance > 64) {
      throw new InvalidRequestException(
          "max_distance must be between 0 and 64, got " + maxDistance);
    }
    LoadedModel model = models.serving();
    IndexedImage image = require(model, id);
    long hash = image.metadata().perceptualHash();
    return model
        .index()
        .search(VectorQuery.topK(image.vector(), NEAR_DUPLICATE_CANDIDATES))
        .stream()
        .filter(hit -> !hit.id().equals(id))
        .filter(
            hit -> PerceptualHash.distance(hash, hit.metadata().perceptualHash()) <= maxDistance)
        .sorted(
            java.util.Comparator.comparingInt(
                (SearchHit hit) -> PerceptualHash.distance(hash, hit.metadata().perceptualHash())))
        .toList();
  }

  public IndexedImage describe(ImageId id) {
    return require(models.serving(), id);
  }

  /**
   * Removes the image's bytes, then its entry in every model's index and its thumbnail. The bytes
   * go first: a worker ingesting the image at the same time checks them after its upsert and
   * removes the entries it wrote when they are gone, so a delete is final even while the image is
   * being ingested (or reindexed for a new model).
   */
  public void delete(ImageId id) {
    boolean stored = objects.delete(id.imageKey());
    boolean indexed =
        models.writing(
            targets -> {
              boolean any = false;
              for (LoadedModel target : targets) {
                any |= target.index().delete(id);
              }
              return any;
            });
    id.thumbnailKeys().forEach(objects::delete);
    if (!indexed && !stored) {
      throw new NotFoundException("no image with id " + id);
    }
  }

  /** A page of the library and how many images meet its filter in all. */
  public record LibraryPage(List<LibraryEntry> entries, long total) {}

  /**
   * The images that meet {@code filter}, newest first, {@code limit} at a time after {@code after}
   * (the last entry of the page before; empty for the first page).
   */
  public LibraryPage library(SearchFilter filter, int limit, Optional<LibraryPosition> after) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit must be between 1 and " + SearchRequest.MAX_LIMIT + ", got " + limit);
    }
    VectorIndex index = models.serving().index();
    return new LibraryPage(
        index.newest(new LibraryQuery(filter, limit, after)), index.count(filter));
  }

  public long indexedCount() {
    return models.serving().index().count();
  }

  private static IndexedImage require(LoadedModel model, ImageId id) {
    return model
        .index()
        .get(id)
        .orElseThrow(() -> new NotFoundException("no indexed image with id " + id));
  }

  /** The first {@value #MAX_QUERY_LENGTH} characters, never half of a surrogate pair. */
  private static String readable(String text) {
    if (text.length() <= MAX_QUERY_LENGTH) {
      return text;
    }
    int end = MAX_QUERY_LENGTH;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
