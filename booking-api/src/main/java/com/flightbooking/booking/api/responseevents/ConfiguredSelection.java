package com.flightbooking.booking.api.responseevents;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Include and exclude rules from configuration, parsed once at startup so a bad rule fails the start. */
@Singleton
class ConfiguredSelection implements ResponseSelection {

    private final List<ResponseRule> include;
    private final List<ResponseRule> exclude;

    @Inject
    ConfiguredSelection(ResponseEventsConfig config) {
        this(config.include().orElse(List.of()), config.exclude());
    }

    ConfiguredSelection(List<String> include, List<String> exclude) {
        this.include = include.stream().map(ResponseRule::parse).toList();
        this.exclude = exclude.stream().map(ResponseRule::parse).toList();
    }

    @Override
    public boolean selects(ObservedResponse response) {
        return (include.isEmpty() || include.stream().anyMatch(rule -> rule.matches(response)))
                && exclude.stream().noneMatch(rule -> rule.matches(response));
    }
}
