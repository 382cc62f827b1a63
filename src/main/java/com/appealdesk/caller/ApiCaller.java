package com.appealdesk.caller;

import java.util.Set;

/** A service client of the wallet's, authenticated by its API key: who called, and what it may do. */
public record ApiCaller(String clientName, Set<Scope> scopes) {
}
