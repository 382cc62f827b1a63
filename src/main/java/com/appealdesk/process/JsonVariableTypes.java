package com.appealdesk.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.camunda.spin.spi.DataFormatConfigurator;
import org.camunda.spin.spi.TypeDetector;

/**
 * Names the JSON variables the decision tables leave behind (the review routing, the reply promise, the breach policy:
 * maps; the checklist: a list of text) by their plain class, {@code java.util.HashMap} rather than
 * {@code java.util.HashMap<java.lang.Object,java.lang.Object>}.
 * <p>
 * Why: Spin reads a JSON variable by first trying its type name as a class name. A generic name is never a class, so
 * every read searched every jar on the class path before falling back to parsing the name: in the 18:00 spike that
 * was 11 % of the job threads' time, because each decision table evaluation reads every variable of the appeal. A plain
 * name is found at once.
 * <p>
 * The meaning does not change. Spin names a map with {@code Object} type parameters, which is what the plain class
 * means to Jackson. It names a list after its first element; a list is named plainly only when all its elements are
 * text, all {@code Integer} or all {@code Boolean} (nulls aside), which JSON gives back as they were without a type to
 * guide it. (A list that starts with null, which Spin cannot name, can now be stored.) Everything else keeps Spin's own
 * name, and variables written before keep theirs (and are still read, the slow way). Registered in
 * {@code META-INF/services}.
 */
public class JsonVariableTypes implements DataFormatConfigurator<JacksonJsonDataFormat> {

    private static final Set<Class<?>> PLAIN_MAPS = Set.of(HashMap.class, LinkedHashMap.class);
    private static final Set<Class<?>> PLAIN_LISTS = Set.of(ArrayList.class, LinkedList.class);
    private static final Set<Class<?>> PLAIN_ELEMENTS = Set.of(String.class, Integer.class, Boolean.class);

    @Override
    public Class<JacksonJsonDataFormat> getDataFormatClass() {
        return JacksonJsonDataFormat.class;
    }

    @Override
    public void configure(JacksonJsonDataFormat format) {
        format.addTypeDetector(new PlainContainers());
    }

    /** Names a map, or a list of one plain class, by its class; Spin's detectors name everything else. */
    static final class PlainContainers implements TypeDetector {

        @Override
        public boolean canHandle(Object object) {
            if (object == null) {
                return false;
            }
            if (PLAIN_MAPS.contains(object.getClass())) {
                return true;
            }
            if (!PLAIN_LISTS.contains(object.getClass())) {
                return false;
            }
            // one plain class throughout: Spin names the list after its first element and converts the others to it
            Set<Class<?>> classes = ((List<?>) object).stream().filter(Objects::nonNull).map(Object::getClass)
                    .collect(Collectors.toSet());
            return classes.size() <= 1 && PLAIN_ELEMENTS.containsAll(classes);
        }

        @Override
        public String detectType(Object object) {
            return object.getClass().getName();
        }
    }
}
