package io.imagesearch.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.OptionalInt;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the web UI where to fetch image bytes from (see {@link DeliveryLink}). */
@RestController
public class DeliveryLinkController {

  /** {@code port} null: fetch {@code /images} and {@code /thumbnails} from this origin. */
  public record DeliveryView(Integer port) {}

  private final ObjectProvider<DeliveryLink> link;

  public DeliveryLinkController(ObjectProvider<DeliveryLink> link) {
    this.link = link;
  }

  @Operation(
      summary =
          "The port on this host that serves /images and /thumbnails fastest (same API key), or"
              + " null to use this one")
  @GetMapping("/api/v1/delivery")
  public DeliveryView delivery() {
    OptionalInt port = link.getIfAvailable(() -> OptionalInt::empty).port();
    return new DeliveryView(port.isPresent() ? port.getAsInt() : null);
  }
}
