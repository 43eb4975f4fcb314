package com.flightbooking.kit.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.flightbooking.kit.problem.Problem.FieldError;

/**
 * Names an invalid field as the client sent it: a JSON path into the body ({@code passenger.email},
 * {@code lines[0].amount}), or the HTTP name of a header, query or path parameter ({@code Idempotency-Key}), never
 * a Java parameter name.
 */
final class InvalidFields {

    private static final String BODY = "body";

    private InvalidFields() {
    }

    /** {@code resourceMethod} is the matched resource method, or null before one was matched. */
    static List<FieldError> of(Iterable<? extends ConstraintViolation<?>> violations, Method resourceMethod) {
        return StreamSupport.stream(violations.spliterator(), false)
                .map(v -> new FieldError(nameOf(v, resourceMethod), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    static FieldError of(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(BODY);
        return new FieldError(path, e instanceof UnrecognizedPropertyException
                ? "is not a field of this request"
                : "has the wrong type or format");
    }

    /** {@code create.request.passenger.email} → {@code passenger.email}; a header parameter → the header's name. */
    private static String nameOf(ConstraintViolation<?> violation, Method resourceMethod) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        List<String> properties = nodes.stream()
                .filter(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .toList();
        // An element of a parameter's collection (bookingId=a&bookingId=b) is named after the parameter.
        if (nodes.stream().anyMatch(n -> n.getKind() == ElementKind.PROPERTY)) {
            return String.join(".", properties);
        }
        Optional<Path.MethodNode> method = nodes.stream().filter(n -> n.getKind() == ElementKind.METHOD)
                .map(n -> n.as(Path.MethodNode.class)).findFirst();
        Optional<Path.ParameterNode> parameter = nodes.stream().filter(n -> n.getKind() == ElementKind.PARAMETER)
                .map(n -> n.as(Path.ParameterNode.class)).findFirst();
        if (method.isEmpty() || parameter.isEmpty() || !isResourceMethod(method.get(), resourceMethod)) {
            return BODY;
        }
        Annotation[] annotations = resourceMethod.getParameterAnnotations()[parameter.get().getParameterIndex()];
        return Arrays.stream(annotations).map(InvalidFields::httpName).flatMap(Optional::stream).findFirst()
                .orElse(BODY);
    }

    private static boolean isResourceMethod(Path.MethodNode node, Method resourceMethod) {
        return resourceMethod != null && node.getName().equals(resourceMethod.getName())
                && node.getParameterTypes().equals(List.of(resourceMethod.getParameterTypes()));
    }

    private static Optional<String> httpName(Annotation annotation) {
        if (annotation instanceof HeaderParam header) {
            return Optional.of(header.value());
        }
        if (annotation instanceof QueryParam query) {
            return Optional.of(query.value());
        }
        if (annotation instanceof PathParam path) {
            return Optional.of(path.value());
        }
        if (annotation instanceof CookieParam cookie) {
            return Optional.of(cookie.value());
        }
        if (annotation instanceof FormParam form) {
            return Optional.of(form.value());
        }
        return Optional.empty();
    }
}
