package com.appealdesk.caller;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method of the service API: only a service client with this scope may call it. The key is checked
 * before anything else of the request is read (a refused caller learns nothing about its body), by
 * {@link ServiceCallInterceptor}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ServiceCall {

    Scope value();
}
