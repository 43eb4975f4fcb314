package com.flightbooking.events.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.restassured.path.json.JsonPath;

/**
 * The REST operations an app serves, taken from its own resource beans, as {@code METHOD /template}: what its
 * OpenAPI description must cover, so that a new endpoint without a description fails a test.
 */
public final class ServedOperations {

    private ServedOperations() {
    }

    public static Set<String> of(BeanManager beans) {
        Set<String> operations = new TreeSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path methodPath = method.getAnnotation(Path.class);
                    String template = ("/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()))
                            .replaceAll("/{2,}", "/");
                    operations.add(verb + " " + (template.length() > 1 && template.endsWith("/")
                            ? template.substring(0, template.length() - 1)
                            : template));
                }
            }
        }
        return operations;
    }

    /** The operations an OpenAPI document (as JSON) describes, as {@code METHOD /template}. */
    public static Set<String> describedIn(JsonPath openApi) {
        Set<String> described = new TreeSet<>();
        openApi.<String, java.util.Map<String, Object>> getMap("paths").forEach((path, operations) -> operations
                .keySet().forEach(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return described;
    }

    /** The JSON path of an operation in an OpenAPI document ({@code POST /bookings} is {@code paths.'/bookings'.post}). */
    public static String jsonPath(String operation) {
        String[] parts = operation.split(" ", 2);
        return "paths.'" + parts[1] + "'." + parts[0].toLowerCase(Locale.ROOT);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
