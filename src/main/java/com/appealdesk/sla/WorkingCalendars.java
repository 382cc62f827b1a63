package com.appealdesk.sla;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The working-day calendars a process owner edits ({@code processes/calendars/*.yaml}), read once at start-up. A
 * calendar file with a missing or malformed field stops the start with the file, the entry and the field named:
 * a wrong promise is worse than no start.
 */
@Component
public class WorkingCalendars {

    private final Map<String, WorkingCalendar> calendars = new LinkedHashMap<>();

    WorkingCalendars(SlaProperties properties, ResourcePatternResolver resources) throws IOException {
        for (Resource resource : resources.getResources(properties.calendars())) {
            WorkingCalendar calendar = read(resource);
            if (calendars.put(calendar.id(), calendar) != null) {
                throw new IllegalStateException("two calendar files have the id '" + calendar.id() + "'");
            }
        }
        if (calendars.isEmpty()) {
            throw new IllegalStateException("no working-day calendar found at " + properties.calendars());
        }
    }

    /** The calendar with this id; an unknown id (a typo in reply-window.dmn) is an error, never a silent default. */
    public WorkingCalendar get(String id) {
        WorkingCalendar calendar = calendars.get(id);
        if (calendar == null) {
            throw new IllegalArgumentException("no working-day calendar '" + id + "'; known: " + calendars.keySet());
        }
        return calendar;
    }

    public Collection<WorkingCalendar> all() {
        return calendars.values();
    }

    /** Reads one calendar file; a malformed one fails with the file, entry and field named. */
    public static WorkingCalendar read(Resource resource) throws IOException {
        String file = resource.getFilename();
        try (InputStream in = resource.getInputStream()) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Fields top = new Fields(file, yaml);
            Fields hours = top.child("working-hours");
            Fields covers = top.child("covers");
            String id = top.text("id");
            Map<LocalDate, WorkingCalendar.Day> days = new HashMap<>();
            List<?> entries = top.list("days");
            for (int i = 0; i < entries.size(); i++) {
                Fields entry = new Fields(file + " days[" + i + "]", entries.get(i));
                WorkingCalendar.Day day = new WorkingCalendar.Day(entry.date("date"),
                        entry.kind("kind"), entry.text("name"), entry.text("source"));
                if (days.put(day.date(), day) != null) {
                    throw new IllegalStateException(file + ": " + day.date() + " is listed twice");
                }
            }
            return new WorkingCalendar(id, ZoneId.of(top.text("zone")), hours.time("start"), hours.time("end"),
                    covers.date("from"), covers.date("until"), days);
        }
    }

    /** One YAML mapping, with errors that name the file, the entry and the field. */
    private record Fields(String where, Map<?, ?> values) {

        Fields(String where, Object node) {
            this(where, asMap(where, node));
        }

        private static Map<?, ?> asMap(String where, Object node) {
            if (!(node instanceof Map<?, ?> map)) {
                throw new IllegalStateException(where + ": expected a mapping of fields");
            }
            return map;
        }

        Fields child(String field) {
            return new Fields(where + " " + field, required(field));
        }

        List<?> list(String field) {
            if (!(required(field) instanceof List<?> list)) {
                throw new IllegalStateException(where + ": '" + field + "' must be a list");
            }
            return list;
        }

        String text(String field) {
            Object value = required(field);
            if (!(value instanceof String text) || text.isBlank()) {
                throw new IllegalStateException(where + ": '" + field + "' must be text");
            }
            return text;
        }

        LocalDate date(String field) {
            Object value = required(field);
            try {
                return value instanceof Date date ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC)
                        : LocalDate.parse(value.toString());
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + ": '" + field + "' must be a date like 2026-10-01", e);
            }
        }

        LocalTime time(String field) {
            try {
                return LocalTime.parse(text(field));
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + ": '" + field + "' must be a quoted time like \"09:00\"", e);
            }
        }

        WorkingCalendar.DayKind kind(String field) {
            try {
                return WorkingCalendar.DayKind.valueOf(text(field));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": '" + field + "' must be HOLIDAY or MAKEUP_WORKDAY", e);
            }
        }

        private Object required(String field) {
            Object value = values.get(field);
            if (value == null) {
                throw new IllegalStateException(where + ": '" + field + "' is missing");
            }
            return value;
        }
    }
}
