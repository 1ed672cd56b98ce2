package com.example.platform.json;

/** A document that is not JSON, or not the JSON shape a type expects. */
public final class MalformedJsonException extends RuntimeException {

    public MalformedJsonException(String reason) {
        super(reason);
    }
}
