package com.flightbooking.kit.consumer;

import java.time.Duration;
import java.util.List;

/**
 * Lets a role hold off receiving while what its handlers need is known to be down (a partner's circuit breaker is
 * open) or busy (a partner's rate budget is spent), so that its messages wait in the queue instead of using up
 * deliveries or piling up in the process. A role provides one as a CDI bean naming its channel; the consumer asks
 * before every receive and before handing out a message it holds.
 */
public interface ReceiveGate {

    /** What the channel may do now. */
    enum Admission {
        /** Receive and handle as usual. */
        OPEN,
        /**
         * Receive no more for now, and handle the messages held as usual: the dependency is up but its capacity is
         * taken for the moment (its handlers wait for it), so more messages would only wait here, not in the queue.
         */
        PAUSED,
        /** Receive and handle one message at a time: it probes whether the dependency is back. */
        ONE_AT_A_TIME,
        /** Receive nothing; messages held and not started go back to the queue for {@link #putBackFor()}. */
        CLOSED
    }

    ReceiveGate ALWAYS_OPEN = new ReceiveGate() {
        @Override
        public String channel() {
            return "";
        }

        @Override
        public Admission admission() {
            return Admission.OPEN;
        }

        @Override
        public boolean refusedUntried(Throwable failure) {
            return false;
        }

        @Override
        public Duration putBackFor() {
            return Duration.ZERO;
        }
    };

    /** The incoming channel (the role) whose receives this gate holds. */
    String channel();

    Admission admission();

    /**
     * Whether a handler failed because the gated dependency refused the call without trying it (the breaker was
     * open): the message goes back to the queue for {@link #putBackFor()}, counted as put back, not as failed.
     */
    boolean refusedUntried(Throwable failure);

    /** How long a message put back stays invisible: about when the dependency is worth trying again. */
    Duration putBackFor();

    /**
     * The most messages the channel should hold at once, below its {@code max-in-flight} when the dependency takes
     * fewer at a time: more would only wait here for it, while other replicas of the role could start them.
     */
    default int holdAtMost() {
        return Integer.MAX_VALUE;
    }

    /** One gate over several: the most restrictive admission and bound, the longest put-back. */
    static ReceiveGate allOf(String channel, List<ReceiveGate> gates) {
        if (gates.isEmpty()) {
            return ALWAYS_OPEN;
        }
        if (gates.size() == 1) {
            return gates.get(0);
        }
        return new ReceiveGate() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public Admission admission() {
                return gates.stream().map(ReceiveGate::admission).max(Enum::compareTo).orElse(Admission.OPEN);
            }

            @Override
            public boolean refusedUntried(Throwable failure) {
                return gates.stream().anyMatch(gate -> gate.refusedUntried(failure));
            }

            @Override
            public Duration putBackFor() {
                return gates.stream().map(ReceiveGate::putBackFor).max(Duration::compareTo).orElse(Duration.ZERO);
            }

            @Override
            public int holdAtMost() {
                return gates.stream().mapToInt(ReceiveGate::holdAtMost).min().orElse(Integer.MAX_VALUE);
            }
        };
    }
}
