package io.imagesearch.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.imagesearch.application.IngestWorker;
import io.imagesearch.application.LibraryReindex;
import io.imagesearch.application.ModelMigration;
import io.imagesearch.application.ModelStartup;
import io.imagesearch.application.RecallGate;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.application.WorkerPool;
import org.junit.jupiter.api.Test;

/** Layering rules over every product module on this module's class path. */
class LayeringTest {

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.imagesearch");

  /** Types a port signature may mention: the JDK's own and the core's. */
  private static final DescribedPredicate<JavaClass> JDK_OR_CORE =
      DescribedPredicate.describe(
          "JDK or core types",
          c -> {
            JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
            return base.isPrimitive()
                || base.getPackageName().startsWith("java.")
                || base.getPackageName().startsWith("io.imagesearch.core");
          });

  @Test
  void coreDependsOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("io.imagesearch.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.imagesearch.core..")
        .because("the core holds the domain and ports; adapters and vendor libraries plug into it")
        .check(PRODUCT);
  }

  @Test
  void noVendorTypeCrossesAPort() {
    methods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("io.imagesearch.core.port..")
        .should()
        .haveRawReturnType(JDK_OR_CORE)
        .andShould()
        .haveRawParameterTypes(DescribedPredicate.allElements(JDK_OR_CORE))
        .because("a port speaks the domain's language so any adapter can implement it")
        .check(PRODUCT);
  }

  @Test
  void theSharedWiringPicksNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("io.imagesearch.wiring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.imagesearch.storage..",
            "io.imagesearch.queue..",
            "io.imagesearch.index..",
            "io.imagesearch.embedder..",
            "io.imagesearch.platform..",
            "io.imagesearch.embedded..")
        .because("the use cases are wired once on the ports; each mode adds only its own adapters")
        .check(PRODUCT);
  }

  @Test
  void onlyTheSharedWiringBuildsTheUseCases() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.imagesearch.wiring..", "io.imagesearch.application..")
        .should()
        .callConstructorWhere(
            target(
                owner(
                    // Not their nested value types, which callers build as arguments.
                    equivalentTo(UploadService.class)
                        .or(equivalentTo(SearchService.class))
                        .or(equivalentTo(IngestWorker.class))
                        .or(equivalentTo(WorkerPool.class))
                        .or(equivalentTo(ModelStartup.class))
                        .or(equivalentTo(ModelMigration.class))
                        .or(equivalentTo(LibraryReindex.class))
                        .or(equivalentTo(RecallGate.class)))))
        .because("a second wiring of the use cases drifts from the first")
        .check(PRODUCT);
  }

  @Test
  void productCodeNeverUsesTheContractTests() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.imagesearch.contract..")
        .because("the port contract suites are test code, pulled in with test scope only")
        .check(PRODUCT);
  }

  @Test
  void theApiKeyDomainDependsOnTheJdkAndTheCoresUnitsOnly() {
    classes()
        .that()
        .resideInAPackage("io.imagesearch.security.key..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.imagesearch.security.key..", "io.imagesearch.core.unit..")
        .because(
            "API keys, their store port and use cases are the security module's core; Spring and"
                + " the stores plug into them (the core's units, such as byte sizes, are JDK only)")
        .check(PRODUCT);
  }

  @Test
  void theHttpSideReachesKeysThroughThePortOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.imagesearch.security.web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.imagesearch.security.store..")
        .because("either key store (SQLite or Redis) must plug in without the web side knowing")
        .check(PRODUCT);
  }
}
