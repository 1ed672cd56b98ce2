package com.example.platform.events;

/** EventBridge refused the entry (throttled, internal error, ...): the event is not on the bus. */
public final class EventNotPublished extends RuntimeException {

    public EventNotPublished(String detailType, String errorCode, String errorMessage) {
        super(detailType + " was not published: " + errorCode + " " + errorMessage);
    }
}
