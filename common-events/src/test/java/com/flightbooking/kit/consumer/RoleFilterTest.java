package com.flightbooking.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingEvent;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** A role's filter comes from the event types its QueueRole declares, unless the role sets a policy of its own. */
class RoleFilterTest {

    @Test
    void aDeclaredRoleAcceptsExactlyTheEventTypesItHandles() {
        assertAcceptsExactly(QueueRole.Names.PAYMENT, QueueRole.PAYMENT.handles()::contains);
    }

    @Test
    void theTimelineHearsEveryEventAboutABookingAndNothingElse() {
        assertAcceptsExactly(QueueRole.Names.BOOKING_TIMELINE,
                type -> BookingEvent.class.isAssignableFrom(type.payloadClass()));
        assertThat(QueueRole.BOOKING_TIMELINE.handles()).contains(EventType.BOOKING_REQUESTED)
                .doesNotContain(EventType.HTTP_RESPONSE_SENT, EventType.INVOICE_ISSUED);
    }

    @Test
    void aPolicyOfTheRolesOwnReplacesTheDeclaredTypes() {
        EventFilter payment = RoleFilter.forRole(QueueRole.Names.PAYMENT,
                Optional.of("{\"" + MessageAttributes.TYPE + "\": [\"" + EventType.INVOICE_ISSUED.ceType() + "\"]}"),
                Optional.empty()).orElseThrow();

        assertThat(payment.accepts(typed(EventType.INVOICE_ISSUED), "{}")).isTrue();
        assertThat(payment.accepts(typed(EventType.BOOKING_REQUESTED), "{}")).isFalse();
    }

    @Test
    void aRoleNeitherDeclaredNorGivenAPolicyHasNoFilter() {
        assertThat(RoleFilter.forRole("undeclared", Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void everyRoleHasADistinctNameAndHandlesSomething() {
        assertThat(Arrays.stream(QueueRole.values()).map(QueueRole::roleName)).doesNotHaveDuplicates();
        assertThat(QueueRole.values()).allSatisfy(role -> assertThat(role.handles()).isNotEmpty());
        assertThat(QueueRole.named(QueueRole.Names.AIRLINE_CHECK)).contains(QueueRole.AIRLINE_CHECK);
    }

    private static void assertAcceptsExactly(String role, Predicate<EventType> wanted) {
        EventFilter filter = RoleFilter.forRole(role, Optional.empty(), Optional.empty()).orElseThrow();
        for (EventType type : EventType.values()) {
            assertThat(filter.accepts(typed(type), "{}")).as(type.name()).isEqualTo(wanted.test(type));
        }
    }

    private static Map<String, MessageAttributeValue> typed(EventType type) {
        return Map.of(MessageAttributes.TYPE,
                MessageAttributeValue.builder().dataType("String").stringValue(type.ceType()).build());
    }
}
