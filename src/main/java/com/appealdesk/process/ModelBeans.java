package com.appealdesk.process;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationContext;

/**
 * The beans a model may name: Appeal Desk's delegates and listeners, and the functions its models call
 * ({@link #MODEL_FUNCTIONS}). The deployment check refuses a model that names another; the engine's expressions
 * resolve only these ({@link #asMap}), so a model that got past the check still reaches no other bean (the data
 * source, the engine's services).
 */
final class ModelBeans {

    /** beans the shipped model calls in its expressions, beside delegates and listeners */
    static final Set<String> MODEL_FUNCTIONS = Set.of("replyTimers", "reviewOutcome", "commitmentTimers");

    private final ApplicationContext beans;
    private volatile Set<String> names;

    ModelBeans(ApplicationContext beans) {
        this.beans = beans;
    }

    Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            Set<String> allowed = new TreeSet<>(MODEL_FUNCTIONS);
            for (Class<?> type : List.of(JavaDelegate.class, TaskListener.class, ExecutionListener.class)) {
                for (String bean : beans.getBeanNamesForType(type)) {
                    Class<?> implementation = beans.getType(bean);
                    if (implementation != null && implementation.getName().startsWith("com.appealdesk.")) {
                        allowed.add(bean);
                    }
                }
            }
            names = known = Set.copyOf(allowed);
        }
        return known;
    }

    /** The allowed beans as the engine's expressions see them: looked up when an expression names one. */
    Map<Object, Object> asMap() {
        return new AbstractMap<>() {
            @Override
            public boolean containsKey(Object key) {
                return key instanceof String name && names().contains(name);
            }

            @Override
            public Object get(Object key) {
                return containsKey(key) ? beans.getBean((String) key) : null;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                throw new UnsupportedOperationException("the beans a model may name are looked up one by one");
            }
        };
    }
}
