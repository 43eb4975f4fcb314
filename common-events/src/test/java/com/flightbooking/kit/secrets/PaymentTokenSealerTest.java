package com.flightbooking.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.flightbooking.kit.secrets.PaymentTokenSealer.UnreadablePaymentToken;

class PaymentTokenSealerTest {

    private static final String KEY = "yeVUTTjJSte40EsetuiR5NyyAc1DXEWj/+vGSsS2oZk=";
    private static final String OTHER_KEY = "3q1pXW0l1mJ0Yh0s1kq3b0vE8w3nC1m0XyYl0r3o8Ko=";

    private final PaymentTokenSealer sealer = new PaymentTokenSealer(KEY);
    private final UUID bookingId = UUID.randomUUID();

    @Test
    void opensWhatItSealedForTheSameBooking() {
        String ref = sealer.seal(bookingId, "tok_visa_4242");

        assertThat(ref).startsWith(PaymentTokenSealer.PREFIX).doesNotContain("tok_visa_4242").doesNotContain("4242");
        assertThat(sealer.open(bookingId, ref)).isEqualTo("tok_visa_4242");
        assertThat(new PaymentTokenSealer(KEY).open(bookingId, ref)).isEqualTo("tok_visa_4242");
    }

    @Test
    void sealsTheSameTokenDifferentlyEachTime() {
        assertThat(sealer.seal(bookingId, "tok_visa_4242")).isNotEqualTo(sealer.seal(bookingId, "tok_visa_4242"));
    }

    @Test
    void anAlteredReferenceDoesNotOpen() {
        String ref = sealer.seal(bookingId, "tok_visa_4242");
        byte[] bytes = Base64.getUrlDecoder().decode(ref.substring(PaymentTokenSealer.PREFIX.length()));
        bytes[bytes.length - 20] ^= 1;
        String altered = PaymentTokenSealer.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> sealer.open(bookingId, altered))
                .isInstanceOf(UnreadablePaymentToken.class)
                .hasMessageContaining(bookingId.toString());
    }

    @Test
    void aReferenceDoesNotOpenForAnotherBooking() {
        String ref = sealer.seal(bookingId, "tok_visa_4242");

        assertThatThrownBy(() -> sealer.open(UUID.randomUUID(), ref)).isInstanceOf(UnreadablePaymentToken.class);
    }

    @Test
    void aReferenceDoesNotOpenUnderAnotherKey() {
        String ref = sealer.seal(bookingId, "tok_visa_4242");

        assertThatThrownBy(() -> new PaymentTokenSealer(OTHER_KEY).open(bookingId, ref))
                .isInstanceOf(UnreadablePaymentToken.class)
                .message().doesNotContain("tok_visa_4242");
    }

    @Test
    void aPlainTokenIsNoReference() {
        assertThatThrownBy(() -> sealer.open(bookingId, "tok_visa_4242")).isInstanceOf(UnreadablePaymentToken.class);
        assertThatThrownBy(() -> sealer.open(bookingId, "pt1.dG9v")).isInstanceOf(UnreadablePaymentToken.class);
        assertThatThrownBy(() -> sealer.open(bookingId, "pt1.not base64!")).isInstanceOf(UnreadablePaymentToken.class);
    }

    @Test
    void refusesToSealACardNumber() {
        assertThatThrownBy(() -> sealer.seal(bookingId, "4111 1111 1111 1111")).hasMessageContaining("not a card number");
    }

    @Test
    void refusesAKeyThatIsNot32BytesWithoutShowingIt() {
        assertThatThrownBy(() -> new PaymentTokenSealer("c2hvcnQta2V5"))
                .hasMessageContaining(PaymentTokenSealer.KEY_PROPERTY)
                .hasMessageContaining("32 bytes")
                .message().doesNotContain("c2hvcnQta2V5");
        assertThatThrownBy(() -> new PaymentTokenSealer("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new PaymentTokenSealer(null)).hasMessageContaining(PaymentTokenSealer.KEY_PROPERTY);
    }
}
