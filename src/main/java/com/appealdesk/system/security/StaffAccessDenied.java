package com.appealdesk.system.security;

/** A staff endpoint was called without a login (401) or by someone whose groups do not allow it (403). */
public class StaffAccessDenied extends RuntimeException {

    private final boolean authenticated;

    public StaffAccessDenied(boolean authenticated, String reason) {
        super(reason);
        this.authenticated = authenticated;
    }

    public boolean authenticated() {
        return authenticated;
    }
}
