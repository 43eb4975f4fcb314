package com.flightbooking.booking.api.responseevents;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;

/**
 * The route template of a resource method ({@code /bookings/{id}}), from its class and method {@code @Path}s, with
 * any parameter regex dropped ({@code {id: [0-9]+}} becomes {@code {id}}). Built from the standard annotations, not
 * from where Quarkus keeps its own copy for metrics, which has moved between versions; computed once per method.
 */
@Singleton
class RouteTemplates {

    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    String of(Class<?> resourceClass, Method method) {
        return templates.computeIfAbsent(method, m -> of(path(resourceClass), path(m)));
    }

    static String of(String classPath, String methodPath) {
        String joined = "/" + classPath + "/" + methodPath;
        String template = withoutRegex(joined).replaceAll("/{2,}", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1)
                : template;
    }

    private static String withoutRegex(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inRegex = false;
        for (char c : template.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth > 1) {
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth > 0) {
                    continue;
                }
                inRegex = false;
            } else if (depth == 1 && c == ':') {
                inRegex = true;
                continue;
            } else if (inRegex || depth > 1 || (depth == 1 && Character.isWhitespace(c))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String path(Class<?> resourceClass) {
        Path path = resourceClass.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String path(Method method) {
        Path path = method.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }
}
