package com.flightbooking.kit.problem;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

/**
 * Finds which path or query parameter did not convert to its Java type: Jakarta REST only says that one did not (as a
 * 404), and the client needs its name.
 */
final class Parameters {

    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
            UUID.class, UUID::fromString,
            int.class, Integer::valueOf, Integer.class, Integer::valueOf,
            long.class, Long::valueOf, Long.class, Long::valueOf,
            LocalDate.class, LocalDate::parse);

    private Parameters() {
    }

    /** The names of the matched method's path and query parameters whose (first) value does not convert. */
    static List<String> unconvertible(Method resourceMethod, UriInfo uri) {
        if (resourceMethod == null) {
            return List.of();
        }
        return Arrays.stream(resourceMethod.getParameters())
                .map(parameter -> failing(parameter, uri))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<String> failing(Parameter parameter, UriInfo uri) {
        PathParam path = parameter.getAnnotation(PathParam.class);
        if (path != null) {
            return converts(parameter.getType(), uri.getPathParameters().getFirst(path.value())) ? Optional.empty()
                    : Optional.of(path.value());
        }
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        if (query != null) {
            return converts(parameter.getType(), uri.getQueryParameters().getFirst(query.value())) ? Optional.empty()
                    : Optional.of(query.value());
        }
        return Optional.empty();
    }

    /** Absent values, strings and types not known here convert: only a known type that fails to is named. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static boolean converts(Class<?> type, String value) {
        if (value == null || type == String.class) {
            return true;
        }
        Function<String, ?> parser = type.isEnum() ? text -> Enum.valueOf((Class) type, text) : PARSERS.get(type);
        if (parser == null) {
            return true;
        }
        try {
            parser.apply(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
