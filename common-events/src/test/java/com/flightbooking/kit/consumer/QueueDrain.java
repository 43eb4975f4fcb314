package com.flightbooking.kit.consumer;

/** One way of draining a preloaded queue with a no-op handler, compared by {@link ConsumerThroughputBenchmark}. */
interface QueueDrain {

    String name();

    /**
     * Returns once every one of {@code messages} has been received and deleted, with what stops the consumer: the
     * benchmark closes it after the clock stops, so a slow shutdown does not count as draining.
     */
    AutoCloseable drain(String queueName, String queueUrl, int messages) throws Exception;
}
