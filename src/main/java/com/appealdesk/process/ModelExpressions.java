package com.appealdesk.process;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What the engine's expressions may reach when they run, whatever a deployment check let through: only the beans a
 * model may name ({@link ModelBeans}), of the execution or task only the properties {@link ModelGuardRails} allows
 * and none of their methods (the engine's services are one call away), and nothing through Java reflection. The
 * deployment check refuses such models up front with a reason; this is the rule the engine keeps at run time.
 */
@Component
class ModelExpressions extends AbstractProcessEnginePlugin {

    private final ApplicationContext beans;

    ModelExpressions(ApplicationContext beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the starter made a manager that resolves every bean of the application; functions are added after this
        configuration.setExpressionManager(new Manager(beans, new ModelBeans(beans)));
    }

    static final class Manager extends SpringExpressionManager {
        Manager(ApplicationContext beans, ModelBeans allowed) {
            super(beans, allowed.asMap());
        }

        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver guarded = new CompositeELResolver();
            guarded.add(new Guard());
            guarded.add(super.createElResolver());
            return guarded;
        }
    }

    /** Refuses, before any other resolver answers, what a model may not reach; resolves nothing itself. */
    static final class Guard extends ELResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            String name = String.valueOf(property);
            if (ModelGuardRails.REFLECTION.contains(name)) {
                throw new PropertyNotFoundException("models may not use '" + name + "'");
            }
            if (base instanceof VariableScope && !ModelGuardRails.CONTEXT_PROPERTIES.contains(name)) {
                throw new PropertyNotFoundException("models may read only " + ModelGuardRails.CONTEXT_PROPERTIES
                        + " of the execution or task, not '" + name + "'");
            }
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            String name = String.valueOf(method);
            if (ModelGuardRails.REFLECTION.contains(name)) {
                throw new PropertyNotFoundException("models may not use '" + name + "'");
            }
            if (base instanceof VariableScope) {
                throw new PropertyNotFoundException("models may not call methods of the execution or task ('" + name + "')");
            }
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            getValue(context, base, property);
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            getValue(context, base, property);
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            getValue(context, base, property);
            return false;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
