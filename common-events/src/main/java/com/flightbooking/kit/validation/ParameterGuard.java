package com.flightbooking.kit.validation;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.flightbooking.kit.problem.ProblemException;

/**
 * Every path and query parameter of both apps, declared or not, is plain text ({@link PlainText}), and no header
 * carries a control character: a value that is not is a 400 naming it before any resource, filter of ours or
 * database sees it. A NUL would otherwise reach PostgreSQL (which refuses it: a 500), a bidi override or a card
 * number the logs. Resources still validate the values they take (format, length).
 */
public class ParameterGuard {

    /** Before the apps' own filters (Priorities.USER - 100), which log and look up the path's ids. */
    static final int PRIORITY = Priorities.USER - 200;

    @ServerRequestFilter(nonBlocking = true, priority = PRIORITY)
    public void check(ContainerRequestContext request, UriInfo uri) {
        checkAll(uri.getPathParameters());
        checkAll(uri.getQueryParameters());
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                if (hasControlCharacter(value)) {
                    throw ProblemException.invalid(header.getKey(), "must not contain control characters");
                }
            }
        }
    }

    private static void checkAll(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (PlainTextValidator.whyNot(parameter.getKey()) != null) {
                throw ProblemException.invalid("query", "parameter names must be plain text");
            }
            for (String value : parameter.getValue()) {
                String reason = PlainTextValidator.whyNot(value);
                if (reason != null) {
                    throw ProblemException.invalid(parameter.getKey(), reason);
                }
            }
        }
    }

    /**
     * A header may hold a horizontal tab (RFC 9110), no other ASCII control character. Header values are read as
     * ISO-8859-1, so the bytes of UTF-8 text are not taken for C1 controls.
     */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == '\u007F') {
                return true;
            }
        }
        return false;
    }
}
