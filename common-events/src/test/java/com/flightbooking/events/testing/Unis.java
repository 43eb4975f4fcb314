package com.flightbooking.events.testing;

import static org.mockito.Mockito.verify;

import org.mockito.ArgumentCaptor;

import com.flightbooking.events.EventEnvelope;
import com.flightbooking.kit.outbox.Outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** For unit tests whose collaborators are mocks answering at once: the Unis they return, and what they appended. */
public final class Unis {

    private Unis() {
    }

    public static <T> Uni<T> item(T item) {
        return Uni.createFrom().item(item);
    }

    public static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    /** The item of {@code uni}, which must complete at once. */
    public static <T> T await(Uni<T> uni) {
        return uni.subscribe().withSubscriber(UniAssertSubscriber.<T> create()).assertCompleted().getItem();
    }

    public static void completes(Uni<Void> uni) {
        await(uni);
    }

    /** The one event appended to the mocked {@code outbox}. */
    public static EventEnvelope appendedTo(Outbox outbox) {
        ArgumentCaptor<EventEnvelope> event = ArgumentCaptor.forClass(EventEnvelope.class);
        verify(outbox).append(event.capture());
        return event.getValue();
    }
}
