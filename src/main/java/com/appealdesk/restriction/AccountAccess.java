package com.appealdesk.restriction;

/**
 * What the account may do, from least to most: nothing (restricted), only move its balance out (withdraw-only), or
 * everything. The order matters: an appeal never leaves an account with less than it had.
 */
public enum AccountAccess {
    RESTRICTED, WITHDRAW_ONLY, FULL;

    public boolean isAtLeast(AccountAccess other) {
        return compareTo(other) >= 0;
    }

    public static AccountAccess higher(AccountAccess a, AccountAccess b) {
        return a.isAtLeast(b) ? a : b;
    }
}
