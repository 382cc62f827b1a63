package com.appealdesk.caller;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Checks the API key and scope of every {@link ServiceCall} before its arguments are read or validated. */
@Configuration(proxyBeanMethods = false)
class ServiceCallInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final ApiCallers callers;

    ServiceCallInterceptor(ApiCallers callers) {
        this.callers = callers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ServiceCall.class)) {
            request.setAttribute(ApiCallers.ATTRIBUTE, callers.require(request, method.getMethodAnnotation(ServiceCall.class).value()));
        }
        return true;
    }
}
