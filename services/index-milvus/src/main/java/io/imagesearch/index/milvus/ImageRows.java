package io.imagesearch.index.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordTerms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Converts entries to Milvus rows and query results back, field by field. */
final class ImageRows {

  private ImageRows() {}

  /**
   * The row of {@code image}, with its words when the collection has the keyword field;
   * IllegalArgumentException naming the field when a value does not fit the schema, so a bad entry
   * is refused before anything is written.
   */
  static JsonObject toRow(IndexedImage image, boolean withKeywords) {
    ImageMetadata m = image.metadata();
    String what = "image " + image.id();
    checkBytes(what, ImageSchema.FILE_NAME, m.fileName(), ImageSchema.MAX_FILE_NAME_BYTES);
    if (!FilterValues.isMimeType(m.mimeType())) {
      throw new IllegalArgumentException(what + " has an invalid MIME type: " + m.mimeType());
    }
    if (m.tags().size() > ImageSchema.MAX_TAGS) {
      throw new IllegalArgumentException(
          what + " has " + m.tags().size() + " tags, at most " + ImageSchema.MAX_TAGS);
    }
    m.camera()
        .ifPresent(c -> checkBytes(what, ImageSchema.CAMERA, c, ImageSchema.MAX_CAMERA_BYTES));

    JsonObject row = new JsonObject();
    row.addProperty(ImageSchema.ID, image.id().hex());
    JsonArray vector = new JsonArray(image.vector().length);
    for (float x : image.vector()) {
      vector.add(x);
    }
    row.add(ImageSchema.VECTOR, vector);
    row.addProperty(ImageSchema.FILE_NAME, m.fileName());
    row.addProperty(ImageSchema.MIME_TYPE, m.mimeType());
    row.addProperty(ImageSchema.WIDTH, m.width());
    row.addProperty(ImageSchema.HEIGHT, m.height());
    row.addProperty(ImageSchema.CREATED_AT, m.createdAt().getEpochSecond());
    row.addProperty(ImageSchema.CREATED_AT_NANOS, m.createdAt().getNano());
    JsonArray tags = new JsonArray();
    for (String tag : m.tags()) {
      if (!FilterValues.isTag(tag)) {
        throw new IllegalArgumentException(what + " has an invalid tag: " + tag);
      }
      tags.add(tag);
    }
    row.add(ImageSchema.TAGS, tags);
    row.addProperty(ImageSchema.PHASH, m.perceptualHash());
    row.add(
        ImageSchema.CAMERA,
        m.camera().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
    if (withKeywords) {
      row.addProperty(ImageSchema.KEYWORDS, keywords(m));
    }
    return row;
  }

  /** The entry's words joined by spaces: Milvus's analyzer splits them again, unchanged. */
  static String keywords(ImageMetadata m) {
    return String.join(" ", KeywordTerms.ofImage(m));
  }

  static ImageMetadata metadataOf(Map<String, Object> entity) {
    Set<String> tags = new HashSet<>();
    if (entity.get(ImageSchema.TAGS) instanceof List<?> list) {
      list.forEach(t -> tags.add((String) t));
    }
    return new ImageMetadata(
        (String) entity.get(ImageSchema.FILE_NAME),
        (String) entity.get(ImageSchema.MIME_TYPE),
        number(entity, ImageSchema.WIDTH).intValue(),
        number(entity, ImageSchema.HEIGHT).intValue(),
        Instant.ofEpochSecond(
            number(entity, ImageSchema.CREATED_AT).longValue(),
            number(entity, ImageSchema.CREATED_AT_NANOS).longValue()),
        tags,
        number(entity, ImageSchema.PHASH).longValue(),
        Optional.ofNullable((String) entity.get(ImageSchema.CAMERA)));
  }

  static float[] vectorOf(Map<String, Object> entity) {
    List<?> values = (List<?>) entity.get(ImageSchema.VECTOR);
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) values.get(i)).floatValue();
    }
    return vector;
  }

  private static Number number(Map<String, Object> entity, String field) {
    return (Number) entity.get(field);
  }

  private static void checkBytes(String what, String field, String value, int maxBytes) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new IllegalArgumentException(
          what + " has a " + field + " of " + bytes + " UTF-8 bytes, at most " + maxBytes);
    }
  }
}
