package com.flightbooking.kit.consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** One Vert.x per test class, handing out event-loop contexts like the one each consumer is confined to. */
final class EventLoops implements BeforeAllCallback, AfterAllCallback {

    private Vertx vertx;

    @Override
    public void beforeAll(ExtensionContext extension) {
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    Context newContext() {
        return ((VertxInternal) vertx).createEventLoopContext();
    }
}
