package com.flightbooking.kit.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.flightbooking.events.CardNumbers;

/**
 * Seals a payment token for the event that carries it to the payment role, and opens it there. The event goes to
 * every role's queue (and their dead-letter queues), so it carries the token only sealed: AES-256-GCM under a key that
 * only booking-api and the payment role hold, with a random nonce per token and the booking id as associated data, so
 * a reference copied into another booking's event does not open. The reference is {@value #PREFIX} followed by the
 * base64url of nonce and ciphertext.
 */
public final class PaymentTokenSealer {

    /** Base64 of 32 random bytes; production takes it from {@code PAYMENT_TOKEN_KEY}. */
    public static final String KEY_PROPERTY = "flights.payment-token.key";

    static final String PREFIX = "pt1.";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @throws IllegalArgumentException when the key is not the base64 of 32 bytes (the message never shows it) */
    public PaymentTokenSealer(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(KEY_PROPERTY + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be " + KEY_BYTES + " bytes (base64), not "
                    + bytes.length + " (e.g. openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** @throws IllegalArgumentException for a card number: only processor tokens are sealed, so none is published */
    public String seal(UUID bookingId, String paymentToken) {
        if (CardNumbers.containsCardNumber(paymentToken)) {
            throw new IllegalArgumentException("paymentToken must be a processor token, not a card number");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, bookingId);
            byte[] sealed = cipher.doFinal(paymentToken.getBytes(StandardCharsets.UTF_8));
            byte[] ref = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, ref, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, ref, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ref);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal the payment token of booking " + bookingId, e);
        }
    }

    /**
     * @throws UnreadablePaymentToken when the reference was altered, sealed for another booking or under another key
     */
    public String open(UUID bookingId, String paymentTokenRef) {
        byte[] ref = decode(bookingId, paymentTokenRef);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(ref, NONCE_BYTES), bookingId);
            byte[] token = cipher.doFinal(ref, NONCE_BYTES, ref.length - NONCE_BYTES);
            return new String(token, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadablePaymentToken(bookingId,
                    "altered, sealed for another booking or under another key");
        }
    }

    private static byte[] decode(UUID bookingId, String paymentTokenRef) {
        if (paymentTokenRef == null || !paymentTokenRef.startsWith(PREFIX)) {
            throw new UnreadablePaymentToken(bookingId, "not a sealed reference");
        }
        byte[] ref;
        try {
            ref = Base64.getUrlDecoder().decode(paymentTokenRef.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new UnreadablePaymentToken(bookingId, "not base64url");
        }
        if (ref.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadablePaymentToken(bookingId, "too short");
        }
        return ref;
    }

    private Cipher cipher(int mode, byte[] nonce, UUID bookingId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(bookingId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A payment token reference that does not open; retrying cannot change that. */
    public static final class UnreadablePaymentToken extends IllegalArgumentException {

        UnreadablePaymentToken(UUID bookingId, String why) {
            super("The payment token reference of booking " + bookingId + " does not open: " + why);
        }
    }
}
