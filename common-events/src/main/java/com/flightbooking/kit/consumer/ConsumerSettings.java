package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.Config;

import com.flightbooking.kit.messaging.MessagingConfig;
import com.flightbooking.kit.messaging.MessagingNames;

/**
 * One role's consumer, as configured under {@code mp.messaging.incoming.<role>.*} (connector {@code flights-sqs}).
 * The queue is the role's ({@link MessagingNames}) and the filter its {@link RoleFilter} unless the channel names
 * others. Queue-level settings (visibility timeout, max receive count) default to the provisioning settings, and the
 * delivery limit comes from {@link RetrySchedule} as provisioning's does, so that the consumer and the queue agree.
 */
public record ConsumerSettings(
        String role,
        String queue,
        boolean enabled,
        int maxInFlight,
        int maxConcurrentReceives,
        int waitTimeSeconds,
        Duration visibilityTimeout,
        Duration ackFlushInterval,
        Duration receiveBatchWindow,
        RetrySchedule retry,
        Duration drainTimeout,
        Duration handlerTimeout,
        EventFilter filter) {

    /**
     * How long a delete may wait for others to share its {@code DeleteMessageBatch}. Nobody waits for a delete (the
     * message is invisible until its visibility runs out, and a lost delete is a redelivery the handlers absorb), so
     * waiting longer costs nothing and saves calls: at 40 messages/s a batch held about 3 at 50 ms, about 9 at 250 ms.
     */
    public static final Duration DEFAULT_ACK_FLUSH_INTERVAL = Duration.ofMillis(250);

    /**
     * How long the next receive waits after one that brought some messages but not a full batch. SQS answers a long
     * poll as soon as one message is there, so a role that gets a steady trickle receives them one call each; waiting
     * this long gathers what arrives meanwhile into one call (about 1 + rate x window messages). Each message waits
     * at most this long more, and only when its role received another just before it.
     */
    public static final Duration DEFAULT_RECEIVE_BATCH_WINDOW = Duration.ofMillis(20);

    /** How long a handler may run before the consumer abandons it and retries its message. */
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofMinutes(5);

    public static ConsumerSettings from(Config channel, MessagingConfig messaging) {
        String channelName = channel.getValue("channel-name", String.class);
        // Copies made by the `concurrency` attribute are named role$1, role$2, ...
        String role = channelName.contains("$") ? channelName.substring(0, channelName.indexOf('$')) : channelName;
        List<String> enabledRoles = messaging.roles().orElse(List.of());
        RetrySchedule retry = RetrySchedule.of(channel, "", messaging.provisioning().maxReceiveCount());
        return new ConsumerSettings(
                role,
                channel.getOptionalValue("queue", String.class).orElse(MessagingNames.queue(messaging, role)),
                enabledRoles.contains(role),
                channel.getOptionalValue("max-in-flight", Integer.class).orElse(100),
                channel.getOptionalValue("max-concurrent-receives", Integer.class).orElse(4),
                channel.getOptionalValue("wait-time-seconds", Integer.class).orElse(5),
                channel.getOptionalValue("visibility-timeout", Duration.class)
                        .orElse(messaging.provisioning().visibilityTimeout()),
                channel.getOptionalValue("ack-flush-interval", Duration.class).orElse(DEFAULT_ACK_FLUSH_INTERVAL),
                channel.getOptionalValue("receive-batch-window", Duration.class).orElse(DEFAULT_RECEIVE_BATCH_WINDOW),
                retry,
                channel.getOptionalValue("drain-timeout", Duration.class).orElse(Duration.ofSeconds(20)),
                channel.getOptionalValue("handler-timeout", Duration.class).orElse(DEFAULT_HANDLER_TIMEOUT),
                RoleFilter.forRole(role, channel.getOptionalValue(RoleFilter.POLICY_KEY, String.class),
                        channel.getOptionalValue(RoleFilter.SCOPE_KEY, String.class))
                        .<EventFilter> map(f -> f).orElse(EventFilter.ACCEPT_ALL));
    }

    /** Deliveries before the consumer dead-letters a failing message, as the queue's redrive policy has it. */
    public int maxReceiveCount() {
        return retry.maxReceiveCount();
    }

    /** How often in-flight messages get their visibility extended: well before it runs out. */
    public Duration heartbeatInterval() {
        return visibilityTimeout.dividedBy(3);
    }
}
