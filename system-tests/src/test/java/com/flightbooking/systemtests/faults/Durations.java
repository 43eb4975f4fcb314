package com.flightbooking.systemtests.faults;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fault lengths as people write them on a command line: {@code 90s}, {@code 10m}, {@code 1h}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([smh])");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher matcher = SHORT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (write 90s, 10m or 1h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The shortest of 90 s, 10 min, 1 h 30 min. */
    static String show(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120 && seconds % 60 != 0) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
