package io.imagesearch.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec classes (ImageSearchClusterSpec and every class of this package its fields lead to) are
 * public fields plus, for the generated builders, a plain getter and setter per field, and nothing
 * else. Jackson takes any public {@code getX()}, {@code isX()} or {@code setX(..)} for a JSON
 * property, so a computed helper here would change what the operator reads and writes.
 */
class SpecAccessorsTest {

  static Stream<Class<?>> specClasses() {
    return SpecClasses.all();
  }

  static Stream<Class<?>> buildableSpecClasses() {
    return SpecClasses.buildable();
  }

  @Test
  void theSpecClassesAreFoundFromTheSpecsFields() {
    assertThat(specClasses())
        .containsExactlyInAnyOrder(
            ImageSearchClusterSpec.class,
            Images.class,
            ModelSpec.class,
            ServiceSpec.class,
            HpaSpec.class,
            WorkerSpec.class,
            GpuSpec.class,
            AutoscalingSpec.class,
            DependencySpec.class,
            InClusterSpec.class,
            ExternalSpec.class,
            ExternalSpec.SecretRef.class,
            IngressSpec.class,
            MonitoringSpec.class,
            SecuritySpec.class,
            SecuritySpec.KeySecretRef.class,
            OidcSpec.class);
    assertThat(buildableSpecClasses())
        .doesNotContain(ExternalSpec.SecretRef.class, SecuritySpec.KeySecretRef.class)
        .hasSize(15);
  }

  @ParameterizedTest
  @MethodSource("specClasses")
  void everyPublicMethodIsThePlainAccessorOfAField(Class<?> type) {
    List<String> others = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers())
          && !Modifier.isStatic(method.getModifiers())
          && accessedField(type, method) == null) {
        others.add(method.getName());
      }
    }

    assertThat(others).as("public methods of %s that are no field's accessor", type).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("buildableSpecClasses")
  void aBuildableClassHasAGetterAndASetterForEveryField(Class<?> type)
      throws ReflectiveOperationException {
    for (Field field : SpecClasses.fields(type)) {
      Object instance = type.getConstructor().newInstance();
      Object value = sample(field.getType());

      type.getMethod("set" + capitalized(field), field.getType()).invoke(instance, value);
      assertThat(field.get(instance)).as("%s set through its setter", field).isSameAs(value);
      assertThat(type.getMethod(getterName(field)).invoke(instance))
          .as("%s read through its getter", field)
          .isSameAs(value);
    }
  }

  /** The field a public method plainly gets or sets, or null. */
  private static Field accessedField(Class<?> type, Method method) {
    for (Field field : SpecClasses.fields(type)) {
      boolean getter =
          method.getName().equals(getterName(field))
              && method.getParameterCount() == 0
              && method.getGenericReturnType().equals(field.getGenericType());
      boolean setter =
          method.getName().equals("set" + capitalized(field))
              && method.getParameterCount() == 1
              && method.getGenericParameterTypes()[0].equals(field.getGenericType())
              && method.getReturnType() == void.class;
      if (getter || setter) {
        return field;
      }
    }
    return null;
  }

  /** isX only for a primitive boolean, as Jackson reads it. */
  private static String getterName(Field field) {
    return (field.getType() == boolean.class ? "is" : "get") + capitalized(field);
  }

  private static String capitalized(Field field) {
    return Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
  }

  /** A value of the type that is not its default, so reading it back proves the setter. */
  private static Object sample(Class<?> type) throws ReflectiveOperationException {
    if (type == String.class) {
      return new String("sample");
    }
    if (type == Integer.class) {
      return Integer.valueOf(4242);
    }
    if (type == boolean.class) {
      return Boolean.TRUE;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[constants.length - 1];
    }
    if (type == Map.class) {
      return new HashMap<>(Map.of("key", "value"));
    }
    if (type == List.class) {
      return new ArrayList<>();
    }
    return type.getConstructor().newInstance();
  }
}
