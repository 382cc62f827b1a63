package com.appealdesk.caller;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a service client may do with its API key. */
public enum Scope {
    /** open appeals and re-issue an appellant's access token: the wallet's app back end, the hotline tool */
    APPEALS_OPEN("appeals:open"),
    /** report restriction facts: the wallet's risk engine */
    RESTRICTIONS_WRITE("restrictions:write");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Scope of(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + value + "'"));
    }
}
