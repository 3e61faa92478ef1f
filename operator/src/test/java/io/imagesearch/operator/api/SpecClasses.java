package io.imagesearch.operator.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** ImageSearchClusterSpec and every class of its package that its fields lead to. */
final class SpecClasses {
  private SpecClasses() {}

  static Stream<Class<?>> all() {
    Set<Class<?>> found = new LinkedHashSet<>();
    collect(ImageSearchClusterSpec.class, found);
    return found.stream();
  }

  /** Those sundrio generates a builder for. */
  static Stream<Class<?>> buildable() {
    return all().filter(SpecClasses::hasBuilder);
  }

  /** The public instance fields: the JSON properties. */
  static List<Field> fields(Class<?> type) {
    return Stream.of(type.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
        .toList();
  }

  private static boolean hasBuilder(Class<?> type) {
    try {
      Class.forName(type.getName() + "Builder");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void collect(Class<?> type, Set<Class<?>> found) {
    if (type.isEnum()
        || !type.getPackageName().equals(ImageSearchClusterSpec.class.getPackageName())
        || !found.add(type)) {
      return;
    }
    if (type.getSuperclass() != null) {
      collect(type.getSuperclass(), found);
    }
    for (Field field : fields(type)) {
      for (Class<?> named : namedClasses(field.getGenericType())) {
        collect(named, found);
      }
    }
  }

  /** The classes a field's type names, its type arguments included. */
  private static List<Class<?>> namedClasses(Type type) {
    List<Class<?>> named = new ArrayList<>();
    if (type instanceof Class<?> c) {
      named.add(c);
    } else if (type instanceof ParameterizedType p) {
      named.addAll(namedClasses(p.getRawType()));
      for (Type argument : p.getActualTypeArguments()) {
        named.addAll(namedClasses(argument));
      }
    }
    return named;
  }
}
