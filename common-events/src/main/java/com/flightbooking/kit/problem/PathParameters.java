package com.flightbooking.kit.problem;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;

/**
 * Tells a path parameter that does not convert from a query parameter that does not: Jakarta REST reports both as a
 * 404, which is right for the path (it names no resource) and wrong for the query (a bad request).
 */
final class PathParameters {

    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
            UUID.class, UUID::fromString,
            int.class, Integer::valueOf, Integer.class, Integer::valueOf,
            long.class, Long::valueOf, Long.class, Long::valueOf);

    private PathParameters() {
    }

    /**
     * Whether the matched method's path parameters all convert, so that a conversion failure was another parameter's.
     * A parameter of a type not known here counts as failing, which keeps the 404.
     */
    static boolean allConvert(Method resourceMethod, UriInfo uri) {
        if (resourceMethod == null) {
            return false;
        }
        for (Parameter parameter : resourceMethod.getParameters()) {
            PathParam path = parameter.getAnnotation(PathParam.class);
            if (path != null && parameter.getType() != String.class
                    && !converts(parameter.getType(), uri.getPathParameters().getFirst(path.value()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean converts(Class<?> type, String value) {
        Function<String, ?> parser = PARSERS.get(type);
        if (parser == null || value == null) {
            return false;
        }
        try {
            parser.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
