package com.appealdesk.appeal;

/** Why the wallet restricted the account; an input of the required-documents decision table. */
public enum RestrictionReason {
    IDENTITY_INCOMPLETE, SUSPECTED_MALICIOUS_ACTIVITY, OTHER
}
