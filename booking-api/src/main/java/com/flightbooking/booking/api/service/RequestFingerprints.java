package com.flightbooking.booking.api.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A digest of a request's content, to tell a retried request from a different one under the same key. */
@ApplicationScoped
public class RequestFingerprints {

    private final ObjectMapper mapper;

    RequestFingerprints(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String of(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint request", e);
        }
    }
}
