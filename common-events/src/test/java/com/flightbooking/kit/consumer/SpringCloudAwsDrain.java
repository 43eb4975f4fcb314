package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.Message;

import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.acknowledgement.AcknowledgementResultCallback;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Spring Cloud AWS's listener container, what {@code @SqsListener} runs, with a no-op listener and
 * {@code maxConcurrentMessages}; its own defaults otherwise (acknowledgement on success, batched). Done when Spring
 * reports every message deleted.
 */
final class SpringCloudAwsDrain implements QueueDrain {

    private final SqsAsyncClient sqs;
    private final int maxConcurrentMessages;

    SpringCloudAwsDrain(SqsAsyncClient sqs, int maxConcurrentMessages) {
        this.sqs = sqs;
        this.maxConcurrentMessages = maxConcurrentMessages;
    }

    @Override
    public String name() {
        return "Spring Cloud AWS 3.4 (max " + maxConcurrentMessages + ")";
    }

    @Override
    public AutoCloseable drain(String queueName, String queueUrl, int messages) throws InterruptedException {
        CountDownLatch deleted = new CountDownLatch(messages);
        SqsMessageListenerContainer<Object> container = SqsMessageListenerContainer.builder()
                .sqsAsyncClient(sqs)
                .queueNames(queueName)
                .configure(options -> options.maxConcurrentMessages(maxConcurrentMessages).maxMessagesPerPoll(10)
                        .pollTimeout(Duration.ofSeconds(1)))
                .messageListener(message -> {
                })
                .acknowledgementResultCallback(new AcknowledgementResultCallback<>() {
                    @Override
                    public void onSuccess(Collection<Message<Object>> acknowledged) {
                        acknowledged.forEach(ignored -> deleted.countDown());
                    }
                })
                .build();
        container.start();
        if (!deleted.await(10, TimeUnit.MINUTES)) {
            container.stop();
            throw new IllegalStateException(name() + " did not drain " + messages + " messages");
        }
        return container::stop;
    }
}
