package com.flightbooking.kit.consumer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * What a drain's calls look like from the client: per operation, how many, how long each took from the SDK's start to
 * its answer, how many were in flight at once, and the messages per receive. Tells a drain that waits on its calls
 * from one whose calls wait on the emulator.
 */
final class CallLatencies implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    private static final class Operation {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder messages = new LongAdder();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        Operation operation = operation(attributes);
        operation.peakInFlight.accumulateAndGet(operation.inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Operation operation = operation(attributes);
        operation.inFlight.decrementAndGet();
        operation.calls.increment();
        operation.nanos.add(System.nanoTime() - attributes.getAttribute(STARTED));
        if (context.response() instanceof ReceiveMessageResponse received) {
            operation.messages.add(received.messages().size());
        }
    }

    private Operation operation(ExecutionAttributes attributes) {
        return operations.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                name -> new Operation());
    }

    /** Starts counting again. */
    void reset() {
        operations.clear();
    }

    /** One line per operation since the last {@link #reset}. */
    String summary(double seconds) {
        StringBuilder summary = new StringBuilder();
        new TreeMap<>(operations).forEach((name, operation) -> {
            long calls = operation.calls.sum();
            if (calls == 0) {
                return;
            }
            double millisEach = operation.nanos.sum() / 1e6 / calls;
            // Little's law: calls per second times the time each takes is how many were in flight on average.
            summary.append(String.format("    %-20s %,7.0f calls/s, %6.2f ms each, %5.1f in flight on average (peak %d)",
                    name, calls / seconds, millisEach, calls / seconds * millisEach / 1000,
                    operation.peakInFlight.get()));
            if (operation.messages.sum() > 0) {
                summary.append(String.format(", %.1f messages each", (double) operation.messages.sum() / calls));
            }
            summary.append('\n');
        });
        return summary.toString();
    }
}
