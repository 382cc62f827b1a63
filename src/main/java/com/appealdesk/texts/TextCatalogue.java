package com.appealdesk.texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code processes/catalogue.yaml}: the names of document types and the reasons a decision may give, each reason
 * with its public text and an internal description, in the three languages appellants read. It is deployed with
 * the models, so a process owner changes it without a new build.
 */
public record TextCatalogue(Map<String, Map<Locale, String>> documents, Map<String, Reason> reasons) {

    public static final String FILE_NAME = "catalogue.yaml";
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, MessageTemplates.ZH_CN, MessageTemplates.ZH_TW);
    static final TextCatalogue EMPTY = new TextCatalogue(Map.of(), Map.of());

    /** A reason a reviewer may give: for which decisions, what staff read, what the appellant reads. */
    public record Reason(Set<String> decisions, String internal, Map<Locale, String> texts) {
    }

    /** Reads the catalogue; a file that is not one answers {@link IllegalArgumentException} saying why. */
    public static TextCatalogue parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("needs the sections 'documents' and 'reasons'");
        }
        Map<String, Map<Locale, String>> documents = new LinkedHashMap<>();
        section(top, "documents").forEach((code, entry) -> documents.put(code, texts(entry, "documents." + code)));
        Map<String, Reason> reasons = new LinkedHashMap<>();
        section(top, "reasons").forEach((code, entry) -> {
            Map<?, ?> fields = entry instanceof Map<?, ?> map ? map : Map.of();
            Set<String> decisions = new LinkedHashSet<>();
            if (fields.get("decisions") instanceof List<?> list) {
                list.forEach(decision -> decisions.add(String.valueOf(decision)));
            }
            Object internal = fields.get("internal");
            reasons.put(code, new Reason(Set.copyOf(decisions), internal == null ? null : internal.toString(), texts(entry, "reasons." + code)));
        });
        return new TextCatalogue(Map.copyOf(documents), Map.copyOf(reasons));
    }

    /** Every way this catalogue falls short, given the decisions a reviewer can take; empty when it is complete. */
    public List<String> problems(Set<String> decisionsKnown) {
        List<String> problems = new ArrayList<>();
        documents.forEach((code, names) -> missing(names).forEach(language ->
                problems.add("document type " + code + " has no name in " + language.toLanguageTag())));
        reasons.forEach((code, reason) -> {
            missing(reason.texts()).forEach(language ->
                    problems.add("reason " + code + " has no text in " + language.toLanguageTag()));
            if (reason.internal() == null || reason.internal().isBlank()) {
                problems.add("reason " + code + " has no internal description");
            }
            if (reason.decisions().isEmpty()) {
                problems.add("reason " + code + " names no decision it may be given for");
            }
            reason.decisions().stream().filter(decision -> !decisionsKnown.contains(decision)).forEach(decision ->
                    problems.add("reason " + code + " names the decision " + decision + ", which does not exist (known: " + new TreeSet<>(decisionsKnown) + ")"));
        });
        for (String decision : decisionsKnown) {
            if (reasons.values().stream().noneMatch(reason -> reason.decisions().contains(decision))) {
                problems.add("the decision " + decision + " has no reason a reviewer could give");
            }
        }
        return problems;
    }

    /** The languages this document type has no name in. */
    public List<Locale> languagesWithoutName(String documentType) {
        return missing(documents.getOrDefault(documentType, Map.of()));
    }

    /** This catalogue, with what it lacks taken from an older one (a type or reason an older appeal still uses). */
    TextCatalogue over(TextCatalogue older) {
        Map<String, Map<Locale, String>> mergedDocuments = new LinkedHashMap<>(older.documents);
        mergedDocuments.putAll(documents);
        Map<String, Reason> mergedReasons = new LinkedHashMap<>(older.reasons);
        mergedReasons.putAll(reasons);
        return new TextCatalogue(Map.copyOf(mergedDocuments), Map.copyOf(mergedReasons));
    }

    private static List<Locale> missing(Map<Locale, String> texts) {
        return LANGUAGES.stream().filter(language -> texts.get(language) == null || texts.get(language).isBlank()).toList();
    }

    private static Map<String, Object> section(Map<?, ?> top, String name) {
        if (!(top.get(name) instanceof Map<?, ?> section)) {
            throw new IllegalArgumentException("needs a section '" + name + "' with one entry per code");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        section.forEach((code, entry) -> {
            if (!String.valueOf(code).matches("[A-Z][A-Z0-9_]{1,63}")) {
                throw new IllegalArgumentException(name + ": '" + code + "' is not a code (capitals, digits and _)");
            }
            entries.put(String.valueOf(code), entry);
        });
        return entries;
    }

    private static Map<Locale, String> texts(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where + " needs its texts by language (en, zh-CN, zh-TW)");
        }
        Map<Locale, String> texts = new LinkedHashMap<>();
        for (Locale language : LANGUAGES) {
            Object text = fields.get(language.toLanguageTag());
            if (text != null) {
                texts.put(language, text.toString());
            }
        }
        return Map.copyOf(texts);
    }
}
