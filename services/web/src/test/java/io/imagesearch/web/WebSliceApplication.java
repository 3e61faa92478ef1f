package io.imagesearch.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration the {@code @WebMvcTest} slices start from: this module has no app of its own.
 */
@SpringBootApplication
class WebSliceApplication {}
