package com.flightbooking.events.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Hostile values for requests, drawn from jqwik's arbitraries outside its engine ({@link Arbitrary#sample()}: jqwik's
 * engine and Quarkus' test extension do not mix), on the test's thread whose jqwik random is seeded here, as is the
 * {@link Random} that picks among them; so a failing run can be replayed: {@code -Dhostile.seed=<the seed it
 * printed>}. Values stay within what reaches the app at all: the HTTP
 * layer refuses an initial line over 4 KiB and headers over 20 KiB itself, before any handler of ours.
 */
public final class HostileInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Arbitrary<String> texts = text(30_000);
    private final Arbitrary<String> shortTexts = text(120);
    private final Arbitrary<Object> jsonValues = jsonValue();

    /** Draw on the thread that created this only: the seed is that thread's. */
    public HostileInput(long seed) {
        this.random = new Random(seed);
        SourceOfRandomness.create(Long.toString(seed));
    }

    /** The seed given as {@code -Dhostile.seed}, else a fixed one; printed so that a failure can be replayed. */
    public static long seed(String suite) {
        long seed = Long.getLong("hostile.seed", 20261203L);
        System.out.printf("%s: hostile inputs from seed %d (replay with -Dhostile.seed=%d)%n", suite, seed, seed);
        return seed;
    }

    public Random random() {
        return random;
    }

    /** A hostile text of up to 30,000 characters, for bodies. */
    public String text() {
        return texts.sample();
    }

    /** A hostile text short enough for a path segment, a query value or a header. */
    public String shortText() {
        return shortTexts.sample();
    }

    /** A header value: what a client can send (ISO-8859-1 without CR and LF), often hostile. */
    public String headerValue() {
        StringBuilder value = new StringBuilder();
        for (char c : shortText().toCharArray()) {
            value.append(c == '\r' || c == '\n' || c > 0xFF ? '?' : c);
        }
        return value.toString();
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * {@code json} (an object) mutated: a field (at any depth) replaced by a hostile value, removed or added, or the
     * text itself cut, doubled or garbled.
     */
    public String mutate(String json) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return json.substring(0, random.nextInt(json.length()));
        }
        if (kind == 1) {
            StringBuilder garbled = new StringBuilder(json);
            garbled.insert(random.nextInt(json.length()), shortText());
            return garbled.toString();
        }
        Map<String, Object> tree = parse(json);
        List<Map<String, Object>> objects = new ArrayList<>();
        collect(tree, objects);
        Map<String, Object> target = oneOf(objects);
        List<String> keys = new ArrayList<>(target.keySet());
        String key = keys.isEmpty() || kind == 2 ? shortText() : oneOf(keys);
        if (kind == 3) {
            target.remove(key);
        } else {
            target.put(key, jsonValues.sample());
        }
        if (random.nextInt(3) == 0) {
            Map<String, Object> other = oneOf(objects);
            List<String> otherKeys = new ArrayList<>(other.keySet());
            if (!otherKeys.isEmpty()) {
                other.put(oneOf(otherKeys), jsonValues.sample());
            }
        }
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> object, List<Map<String, Object>> into) {
        into.add(object);
        object.values().stream().filter(Map.class::isInstance).forEach(v -> collect((Map<String, Object>) v, into));
    }

    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.frequencyOf(
                weighted(3, cardNumbers()),
                // PostgreSQL refuses a NUL in text: it was the commonest 500.
                weighted(2, withAny(Arbitraries.just("\u0000"))),
                weighted(3, withAny(Arbitraries.of("\u0000", "\u0001", "\u0007", "\u001b[31m", "\t", "\r\n", "\u007f",
                        "\u0085", "\u2028", "\u2029"))),
                weighted(3, withAny(Arbitraries.of("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                        "\u2067", "\u2068", "\u2069", "\ud800", "\udfff", "\ufffe", "\ufeff"))),
                weighted(2, Arbitraries.of("", " ", "null", "-1", "0", "2147483648", "-99999999999999999999", "1e309",
                        "NaN", "true", "[]", "{}", "../../etc/passwd", "%00", "%2e%2e%2f", "' OR 1=1 --",
                        "<script>alert(1)</script>", "${jndi:ldap://x/a}", "+300000-01-01T08:30:00Z",
                        "-99999-01-01", "9999-12-31", "2026-02-30", "0000-00-00", "EUR", "XXX", "eur", "ZZZ",
                        "ledger", "payment", "PENDING", "CONFIRMED", "LH1234", "ACME-001", "ada@example.com",
                        UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000")),
                weighted(2, Arbitraries.strings().all().ofMaxLength(40)),
                weighted(1, Arbitraries.strings().withChars('a', '@', '.', '-', '1').ofMinLength(maxLength / 2)
                        .ofMaxLength(maxLength)),
                weighted(1, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(maxLength)));
    }

    private static Tuple2<Integer, Arbitrary<? extends String>> weighted(int weight,
            Arbitrary<? extends String> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** Card numbers that pass Luhn, with any separators, alone or inside other text. */
    private static Arbitrary<String> cardNumbers() {
        Arbitrary<String> number = Arbitraries.of("4111111111111111", "5500000000000004", "378282246310005",
                "6011000990139424", "4012888888881881", "30569309025904");
        Arbitrary<String> separator = Arbitraries.of("", " ", "-", "_", ".", "/", " - ", "\u00a0");
        return number.flatMap(digits -> separator.map(sep -> group(digits, sep)))
                .flatMap(card -> Arbitraries.of("", "tok_", "Ada ", "x@", "ACME-").map(prefix -> prefix + card));
    }

    private static String group(String digits, String separator) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            if (i > 0) {
                grouped.append(separator);
            }
            grouped.append(digits, i, Math.min(i + 4, digits.length()));
        }
        return grouped.toString();
    }

    private static Arbitrary<String> withAny(Arbitrary<String> hazard) {
        Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(12);
        return Combinators.combine(around, hazard, around).as((a, h, b) -> a + h + b);
    }

    private static Arbitrary<Object> jsonValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, text(3_000).map(Object.class::cast).injectNull(0.1)),
                Tuple.of(1, Arbitraries.longs().map(Object.class::cast)),
                Tuple.of(1, Arbitraries.bigDecimals().map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
                Tuple.of(1, text(40).list().ofMaxSize(3).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.maps(text(20), text(20)).ofMaxSize(3).map(Object.class::cast)));
    }
}
