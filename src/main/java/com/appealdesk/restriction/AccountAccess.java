package com.appealdesk.restriction;

/** What the account may do: nothing (restricted), only move its balance out (withdraw-only), or everything. */
public enum AccountAccess {
    RESTRICTED, WITHDRAW_ONLY, FULL
}
