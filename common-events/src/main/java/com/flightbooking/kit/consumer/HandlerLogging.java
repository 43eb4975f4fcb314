package com.flightbooking.kit.consumer;

import io.vertx.core.impl.ContextInternal;

/**
 * Logs in the context a delivery was handled in (null: it never was), so that the kit's lines about a failed
 * delivery name its booking, correlation id and trace like the handler's own lines.
 */
final class HandlerLogging {

    private HandlerLogging() {
    }

    static void in(ContextInternal handlerContext, Runnable log) {
        if (handlerContext == null) {
            log.run();
        } else {
            handlerContext.dispatch(log);
        }
    }
}
