package com.flightbooking.workers.payment;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How many messages wait in a queue (SQS's approximate count of visible messages). */
final class QueueDepth {

    private QueueDepth() {
    }

    static int messagesIn(SqsAsyncClient sqs, String queue) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
