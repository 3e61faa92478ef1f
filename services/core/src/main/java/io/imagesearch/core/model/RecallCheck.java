package io.imagesearch.core.model;

/**
 * One measurement of the recall gate: the same queries run on the serving model and on the
 * candidate, each against its own index.
 *
 * @param name {@code golden} (the user's queries with their expected images) or {@code
 *     self-consistency} (a sample of stored images, each searched by its own thumbnail)
 * @param k how many results count as found
 * @param queries how many queries were run on each model
 * @param current recall@k of the serving model, between 0 and 1
 * @param candidate recall@k of the candidate
 */
public record RecallCheck(String name, int k, int queries, double current, double candidate) {

  public static final String GOLDEN = "golden";
  public static final String SELF_CONSISTENCY = "self-consistency";

  public RecallCheck {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a recall check needs a name");
    }
    if (k < 1 || queries < 0) {
      throw new IllegalArgumentException("k must be positive and queries not negative");
    }
    checkRecall(current);
    checkRecall(candidate);
  }

  private static void checkRecall(double recall) {
    if (!(recall >= 0 && recall <= 1)) {
      throw new IllegalArgumentException("a recall lies between 0 and 1, got " + recall);
    }
  }
}
