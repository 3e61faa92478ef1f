package io.imagesearch.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The configuration the {@code @WebMvcTest} slices start from: this module has no app of its own.
 * Its error handling is the apps' own.
 */
@SpringBootApplication
@Import(HttpErrorsConfiguration.class)
class WebSliceApplication {}
