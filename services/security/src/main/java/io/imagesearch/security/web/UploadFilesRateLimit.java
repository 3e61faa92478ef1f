package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Takes one token per file of an upload that {@link RequestRateLimitFilter} let in, once Spring MVC
 * has read its parts (a filter could only count them by reading the body itself, ahead of the
 * multipart handling and its limits); 429 when the key's bucket holds fewer.
 */
final class UploadFilesRateLimit implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!(request.getAttribute(RequestRateLimitFilter.PENDING_UPLOAD)
        instanceof RequestRateLimitFilter.PendingUpload upload)) {
      return true;
    }
    // Counted once: an error dispatch of the same request passes through here again.
    request.removeAttribute(RequestRateLimitFilter.PENDING_UPLOAD);
    RateLimiter.Decision decision = upload.limiter().take(upload.client(), files(request));
    if (!decision.allowed()) {
      RateLimitResponses.refuse(
          request, response, upload.limiter(), decision, "uploaded files", upload.whose());
      return false;
    }
    RateLimitResponses.allowed(response, upload.limiter(), decision);
    return true;
  }

  /** The files the request carries, at least 1. */
  static long files(HttpServletRequest request) {
    MultipartHttpServletRequest multipart =
        WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    if (multipart == null) {
      return 1;
    }
    MultiValueMap<String, MultipartFile> files = multipart.getMultiFileMap();
    return Math.max(1, files.values().stream().mapToLong(List::size).sum());
  }
}
