package com.appealdesk.restriction;

/** Why the wallet restricted the account; reported by the wallet with the restriction; an input of the decision tables. */
public enum RestrictionReason {
    IDENTITY_INCOMPLETE, SUSPECTED_MALICIOUS_ACTIVITY, OTHER
}
