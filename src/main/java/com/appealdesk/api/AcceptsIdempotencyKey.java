package com.appealdesk.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose retries with the same {@code Idempotency-Key} header get the first answer (the key is
 * honoured by the idempotency filter, which covers exactly these endpoints); the OpenAPI document declares the header.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsIdempotencyKey {
}
