package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.SearchHit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  @Test
  void aHitInBothRankingsSumsItsReciprocalRanks() {
    List<SearchHit> fused =
        RankFusion.fuse(List.of(List.of(hit(1), hit(2), hit(3)), List.of(hit(3), hit(4))), 60);

    assertThat(fused).extracting(SearchHit::id).containsExactly(id(3), id(1), id(2), id(4));
    assertThat(fused.getFirst().score()).isCloseTo((float) (1.0 / 63 + 1.0 / 61), within(1e-7f));
    assertThat(fused.get(1).score()).isCloseTo((float) (1.0 / 61), within(1e-7f));
  }

  /** A small k lets the very top of one ranking outweigh a hit both rankings put second. */
  @Test
  void kWeighsTheTopOfEachRankingAgainstAgreementBetweenThem() {
    List<List<SearchHit>> rankings = List.of(List.of(hit(1), hit(2)), List.of(hit(3), hit(2)));

    assertThat(RankFusion.fuse(rankings, 60).getFirst().id()).isEqualTo(id(2));
    assertThat(RankFusion.fuse(rankings, 0).getFirst().id()).isEqualTo(id(1));
  }

  @Test
  void tiesGoToTheBetterRankThenToTheEarlierRanking() {
    List<SearchHit> fused =
        RankFusion.fuse(List.of(List.of(hit(1), hit(2)), List.of(hit(3), hit(4))), 60);

    assertThat(fused).extracting(SearchHit::id).containsExactly(id(1), id(3), id(2), id(4));
  }

  @Test
  void theMetadataOfTheHitIsKept() {
    List<SearchHit> fused = RankFusion.fuse(List.of(List.of(), List.of(hit(7))), 60);

    assertThat(fused.getFirst().metadata()).isEqualTo(hit(7).metadata());
  }

  private static SearchHit hit(int n) {
    return new SearchHit(
        id(n),
        0.5f,
        new ImageMetadata(
            "image-" + n + ".jpg",
            "image/jpeg",
            8,
            8,
            Instant.EPOCH,
            Set.of(),
            n,
            Optional.empty()));
  }

  private static ImageId id(int n) {
    return ImageId.of(new byte[] {(byte) n});
  }
}
