package io.imagesearch.embedder;

/**
 * How a center crop's offset is rounded when the surplus is odd: the two reference pipelines differ
 * by one pixel there, and parity needs the model's own rule.
 */
public enum CropRounding {
  /** torchvision's CenterCrop (open_clip): Python's round(), halves to even. */
  HALF_EVEN,
  /** Hugging Face's CLIPImageProcessor: integer division. */
  FLOOR;

  int offset(int surplus) {
    return this == HALF_EVEN ? (int) Math.rint(surplus / 2.0) : surplus / 2;
  }
}
