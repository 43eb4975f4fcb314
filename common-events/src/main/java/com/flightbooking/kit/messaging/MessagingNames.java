package com.flightbooking.kit.messaging;

/**
 * How topic and queue names are derived, in one place: {@code <role><suffix>} for a role's queue and
 * {@code <role><suffix>-dlq} for its dead-letter queue.
 */
public final class MessagingNames {

    private MessagingNames() {
    }

    public static String topic(MessagingConfig config) {
        return config.topic() + suffix(config);
    }

    public static String queue(MessagingConfig config, String role) {
        return role + suffix(config);
    }

    public static String deadLetterQueue(MessagingConfig config, String role) {
        return queue(config, role) + "-dlq";
    }

    private static String suffix(MessagingConfig config) {
        return config.nameSuffix().orElse("");
    }
}
