package com.flightbooking.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.BookingEvent;
import com.flightbooking.events.EventType;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** A role's filter comes from the event types its QueueRole declares, unless the role sets a policy of its own. */
class RoleFilterTest {

    @Test
    void aDeclaredRoleAcceptsExactlyTheEventTypesItHandles() {
        EventFilter payment = RoleFilter.forRole(QueueRole.Names.PAYMENT, Optional.empty(), Optional.empty())
                .orElseThrow();

        for (EventType type : EventType.values()) {
            assertThat(payment.accepts(typed(type), "{}")).as(type.name())
                    .isEqualTo(QueueRole.PAYMENT.handles().contains(type));
        }
    }

    @Test
    void theTimelineHandlesEveryEventAboutABookingAndNothingElse() {
        assertThat(QueueRole.BOOKING_TIMELINE.handles()).containsExactlyInAnyOrder(Arrays.stream(EventType.values())
                .filter(type -> BookingEvent.class.isAssignableFrom(type.payloadClass())).toArray(EventType[]::new))
                .doesNotContain(EventType.INVOICE_ISSUED, EventType.HTTP_RESPONSE_SENT);
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

    private static Map<String, MessageAttributeValue> typed(EventType type) {
        return Map.of(MessageAttributes.TYPE,
                MessageAttributeValue.builder().dataType("String").stringValue(type.ceType()).build());
    }
}
