package com.flightbooking.kit.consumer;

import java.util.Map;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Decides whether a role wants a message at all; unwanted ones are acknowledged without reaching the handler. */
@FunctionalInterface
public interface EventFilter {

    EventFilter ACCEPT_ALL = (attributes, body) -> true;

    boolean accepts(Map<String, MessageAttributeValue> attributes, String body);
}
