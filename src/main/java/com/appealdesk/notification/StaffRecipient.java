package com.appealdesk.notification;

import java.util.Locale;

/** A staff member a notice goes to: their e-mail address and the language they read (English when unset). */
public record StaffRecipient(String email, Locale language) {

    /** The Camunda user-info key that holds a staff member's language, as a BCP 47 tag ({@code zh-CN}, {@code en}). */
    public static final String LANGUAGE_INFO = "language";
}
