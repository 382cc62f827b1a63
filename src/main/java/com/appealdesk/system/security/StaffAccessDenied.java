package com.appealdesk.system.security;

/** A staff endpoint was called without a login (401) or by someone whose groups do not allow it (403). */
public class StaffAccessDenied extends RuntimeException {

    private final boolean authenticated;
    private final String trackingNumber;

    public StaffAccessDenied(boolean authenticated, String reason) {
        this(authenticated, reason, null);
    }

    /** A refusal about one appeal: the refusal log files it under that appeal, for its timeline. */
    public StaffAccessDenied(boolean authenticated, String reason, String trackingNumber) {
        super(reason);
        this.authenticated = authenticated;
        this.trackingNumber = trackingNumber;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public boolean authenticated() {
        return authenticated;
    }
}
