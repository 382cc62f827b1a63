package com.appealdesk.process;

import com.appealdesk.appeal.Channel;
import com.appealdesk.appeal.IdDocumentType;
import com.appealdesk.restriction.AccountAccess;
import com.appealdesk.restriction.RestrictionReason;
import com.appealdesk.sla.WorkingCalendar;
import com.appealdesk.sla.WorkingCalendars;
import com.appealdesk.review.Decision;
import com.appealdesk.texts.MessageTemplates;
import com.appealdesk.texts.TextCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The rules every deployment of Appeal Desk's models must keep, checked before the engine accepts it (by
 * {@link ModelGuardRailsPlugin}, for the packaged models at start-up and for a process owner's deployment from
 * Camunda Modeler alike) and by the build's tests on the shipped files:
 * <ol>
 * <li>the process comes with the three decision tables and the review form (it binds them to its own deployment);
 * <li>{@code required-documents.dmn}: every region, identity document and reason has a checklist, and nobody living
 * outside the mainland is asked for a mainland bank card (the dead loop of the first story);
 * <li>{@code catalogue.yaml}: every reason has its texts in en, zh-CN and zh-TW, an internal description and the
 * decisions it may be given for, every decision has a reason, every reason the form offers is in it;
 * <li>every document type the checklist can ask for has its name in en, zh-CN and zh-TW (in the deployed catalogue,
 * or the one in force when the deployment brings none);
 * <li>{@code reply-window.dmn}: every reason and channel gets a promise of 1 to 10 working days in a calendar that
 * exists;
 * <li>{@code breach-policy.dmn}: every reason, access and hold gets a known exit and a new promise, and suspected
 * malicious activity is never released automatically;
 * <li>{@code review-routing.dmn}: every appellant's language and region reaches a review desk worked in a language
 * staff texts exist in;
 * <li>the BPMN names only beans, decisions and forms that exist;
 * <li>every process or decision model in any deployment runs only Appeal Desk's delegates, listeners and model
 * functions: no scripts, Java classes or connectors, no other beans, no engine services, no reflection.
 * </ol>
 */
@Component
public class ModelGuardRails {

    static final String BPMN = "IdentityAppeal.bpmn";
    static final String REQUIRED_DOCUMENTS = "required-documents.dmn";
    static final String REPLY_WINDOW = "reply-window.dmn";
    static final String BREACH_POLICY = "breach-policy.dmn";
    static final String REVIEW_ROUTING = "review-routing.dmn";
    static final String REVIEW_FORM = "review-appeal.form";
    static final String CONFIRM_FORM = "confirm-decision.form";
    static final String CATALOGUE = TextCatalogue.FILE_NAME;
    static final Set<String> OURS = Set.of(BPMN, REQUIRED_DOCUMENTS, REPLY_WINDOW, BREACH_POLICY, REVIEW_ROUTING, REVIEW_FORM, CONFIRM_FORM, CATALOGUE);
    private static final List<String> APPELLANT_LANGUAGES = List.of("zh-CN", "zh-TW", "en");
    private static final Set<String> STAFF_LANGUAGES = Set.of("en", "zh-CN");
    private static final Set<String> EXITS = Set.of("WITHDRAW_ONLY", "SUPERVISOR_DECIDES", "NONE");
    private static final Set<String> BUILT_IN = Set.of("execution", "task", "variables", "true", "false", "null", "empty", "not");
    private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{\\s*([A-Za-z_]\\w*)\\s*}\"");
    /** a method called on a name, {@code ${replyTimers.dueAt(...)}}: the name is a bean (a variable's field is not) */
    private static final Pattern BEAN_CALL = Pattern.compile("\\$\\{[^}]*?(?<![\\w.])([A-Za-z_]\\w*)\\s*\\.\\s*\\w+\\s*\\(");
    private static final Pattern DECISION_REF = Pattern.compile("camunda:decisionRef=\"([^\"]+)\"");
    private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");
    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_LISTED = 25;
    /** a two-letter code in quotes, as a FEEL or JUEL string literal in a decision table ({@code &quot;HK&quot;}) */
    private static final Pattern REGION_CODE = Pattern.compile("(?:&quot;|\"|')([A-Z]{2})(?:&quot;|\"|')");
    private static final int UNNAMED_REGIONS_TRIED = 5;
    private static final Pattern EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$])([A-Za-z_]\\w*)");
    private static final Pattern CONTEXT_PROPERTY = Pattern.compile("(?<![\\w.])(execution|task)\\s*\\.\\s*(\\w+)");
    private static final Pattern CONTEXT_INDEX = Pattern.compile("(?<![\\w.])(execution|task)\\s*\\[");
    /** what an expression may read of the execution or task it runs in */
    static final Set<String> CONTEXT_PROPERTIES = Set.of("processBusinessKey", "businessKey", "processInstanceId",
            "id", "activityId", "currentActivityId", "eventName", "assignee", "name");
    static final Set<String> REFLECTION = Set.of("getClass", "class", "forName", "getClassLoader", "classLoader",
            "getRuntime", "newInstance", "getMethod", "getDeclaredMethod", "invoke");

    private final ApplicationContext beans;
    private final WorkingCalendars calendars;
    private final MessageTemplates texts;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    ModelGuardRails(ApplicationContext beans, WorkingCalendars calendars, MessageTemplates texts) {
        this.beans = beans;
        this.calendars = calendars;
        this.texts = texts;
    }

    /** Whether the deployment holds any of Appeal Desk's models by file name, or any process or decision model at all. */
    public static boolean concerns(Map<String, byte[]> resources) {
        return resources.keySet().stream().map(ModelGuardRails::fileName)
                .anyMatch(name -> OURS.contains(name) || isModel(name) || isCmmn(name));
    }

    private static boolean isCmmn(String name) {
        return name.endsWith(".cmmn") || name.endsWith(".cmmn10.xml") || name.endsWith(".cmmn11.xml");
    }

    private static boolean isModel(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
    }

    /** Every rule the deployment breaks, as a sentence a process owner can act on; empty when it may be deployed. */
    public List<String> violations(Map<String, byte[]> resources) {
        Map<String, String> byName = resources.entrySet().stream().collect(Collectors.toMap(
                entry -> fileName(entry.getKey()), entry -> new String(entry.getValue(), StandardCharsets.UTF_8), (a, b) -> b));
        List<String> violations = new ArrayList<>();
        resources.forEach((resource, bytes) -> {
            String name = fileName(resource);
            if (isCmmn(name)) {
                violations.add(name + " is a CMMN model: Appeal Desk runs BPMN and DMN models only");
            } else if (isModel(name)) {
                runsOnlyOurCode(name, bytes, violations);
            }
        });
        if (byName.containsKey(BPMN)) {
            for (String companion : List.of(REQUIRED_DOCUMENTS, REPLY_WINDOW, BREACH_POLICY, REVIEW_ROUTING, REVIEW_FORM, CONFIRM_FORM, CATALOGUE)) {
                if (!byName.containsKey(companion)) {
                    violations.add(BPMN + " is deployed without " + companion + ": the process binds its decisions and form to its own deployment");
                }
            }
        }
        TextCatalogue catalogue = texts.catalogue();
        if (byName.containsKey(CATALOGUE)) {
            try {
                catalogue = TextCatalogue.parse(byName.get(CATALOGUE));
                Set<String> decisionsKnown = Arrays.stream(Decision.values()).map(Decision::name).collect(Collectors.toCollection(TreeSet::new));
                catalogue.problems(decisionsKnown).forEach(problem -> violations.add(CATALOGUE + ": " + problem));
            } catch (IllegalArgumentException e) {
                violations.add(CATALOGUE + " " + e.getMessage());
            }
        }
        if (byName.containsKey(REVIEW_FORM)) {
            reasonsOffered(byName.get(REVIEW_FORM), catalogue, violations);
        }
        Map<String, DmnDecision> decisions = new java.util.HashMap<>();
        for (String table : List.of(REQUIRED_DOCUMENTS, REPLY_WINDOW, BREACH_POLICY, REVIEW_ROUTING)) {
            if (byName.containsKey(table)) {
                try {
                    dmn.parseDecisions(new ByteArrayInputStream(byName.get(table).getBytes(StandardCharsets.UTF_8)))
                            .forEach(decision -> decisions.put(decision.getKey(), decision));
                } catch (RuntimeException e) {
                    violations.add(table + " cannot be read: " + e.getMessage());
                }
            }
        }
        if (byName.containsKey(REQUIRED_DOCUMENTS)) {
            requiredDocuments(decisions.get("RequiredDocuments"), regionsToTry(byName.get(REQUIRED_DOCUMENTS)), catalogue, violations);
        }
        if (byName.containsKey(REPLY_WINDOW)) {
            replyWindow(decisions.get("ReplyWindow"), violations);
        }
        if (byName.containsKey(BREACH_POLICY)) {
            breachPolicy(decisions.get("BreachPolicy"), violations);
        }
        if (byName.containsKey(REVIEW_ROUTING)) {
            reviewRouting(decisions.get("ReviewRouting"), regionsToTry(byName.get(REVIEW_ROUTING)), violations);
        }
        if (byName.containsKey(BPMN)) {
            references(byName, decisions.keySet(), violations);
        }
        return violations;
    }

    /**
     * The regions worth evaluating: every region the table names, plus a few it does not name. A rule compares the
     * region with the codes written in it, so regions the table does not name all get the same answer; trying a few
     * of them instead of all 249 keeps a deployment check to a fraction of a second. The build's tests try every
     * region on the shipped table.
     */
    static List<String> regionsToTry(String table) {
        Set<String> iso = Set.of(Locale.getISOCountries());
        Set<String> regions = new TreeSet<>();
        Matcher quoted = REGION_CODE.matcher(table);
        while (quoted.find()) {
            if (iso.contains(quoted.group(1))) {
                regions.add(quoted.group(1));
            }
        }
        regions.add("CN");
        int unnamed = 0;
        for (String region : Locale.getISOCountries()) {
            if (unnamed < UNNAMED_REGIONS_TRIED && regions.add(region)) {
                unnamed++;
            }
        }
        return List.copyOf(regions);
    }

    /**
     * The review form offers reasons and documents from the task (those that fit the decision and the appellant),
     * and any option it still lists is one the catalogue knows and names.
     */
    private static void reasonsOffered(String form, TextCatalogue catalogue, List<String> violations) {
        JsonNode components;
        try {
            components = new ObjectMapper().readTree(form).path("components");
        } catch (IOException e) {
            violations.add(REVIEW_FORM + " is not a form (JSON): " + e.getMessage());
            return;
        }
        Set<String> unknownReasons = new TreeSet<>();
        Set<String> unnamedDocuments = new TreeSet<>();
        for (JsonNode component : components) {
            String key = component.path("key").asText();
            if (key.equals(AppealVariables.DECISION_REASON) && !component.path("valuesExpression").asText().contains(AppealVariables.REASON_OPTIONS)
                    || key.equals(AppealVariables.REQUESTED_DOCUMENTS)
                    && !AppealVariables.REQUESTABLE_DOCUMENT_OPTIONS.equals(component.path("valuesKey").asText())) {
                violations.add(REVIEW_FORM + ": the field '" + key + "' must take its options from the task ("
                        + AppealVariables.REASON_OPTIONS + " for the reason, " + AppealVariables.REQUESTABLE_DOCUMENT_OPTIONS
                        + " for documents), which offer only what fits the decision and the appellant");
            }
            for (JsonNode option : component.path("values")) {
                String value = option.path("value").asText();
                if (key.equals(AppealVariables.DECISION_REASON) && !catalogue.reasons().containsKey(value)) {
                    unknownReasons.add(value);
                } else if (key.equals(AppealVariables.REQUESTED_DOCUMENTS) && !catalogue.languagesWithoutName(value).isEmpty()) {
                    unnamedDocuments.add(value);
                }
            }
        }
        if (!unknownReasons.isEmpty()) {
            violations.add(REVIEW_FORM + " offers the reason(s) " + unknownReasons + ", which " + CATALOGUE + " does not know");
        }
        if (!unnamedDocuments.isEmpty()) {
            violations.add(REVIEW_FORM + " offers the document(s) " + unnamedDocuments + ", which have no name in every language in " + CATALOGUE);
        }
    }

    private void requiredDocuments(DmnDecision table, List<String> regions, TextCatalogue catalogue, List<String> violations) {
        if (table == null) {
            violations.add(REQUIRED_DOCUMENTS + " has no decision 'RequiredDocuments'");
            return;
        }
        List<String> found = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (String region : regions) {
            for (IdDocumentType document : IdDocumentType.values()) {
                for (RestrictionReason reason : RestrictionReason.values()) {
                    List<String> required;
                    try {
                        required = dmn.evaluateDecisionTable(table, Map.of("residenceRegion", region,
                                "idDocumentType", document.name(), "restrictionReason", reason.name())).collectEntries("documentType");
                    } catch (RuntimeException e) {
                        found.add(REQUIRED_DOCUMENTS + ": " + region + " " + document + " " + reason + " cannot be evaluated: " + e.getMessage());
                        continue;
                    }
                    types.addAll(required);
                    if (required.isEmpty()) {
                        found.add(REQUIRED_DOCUMENTS + ": " + region + " " + document + " " + reason + " asks for nothing, so the appeal has no path");
                    } else if (!"CN".equals(region) && required.contains("MAINLAND_BANK_CARD")) {
                        found.add(REQUIRED_DOCUMENTS + ": someone living in " + region + " with " + document + " (" + reason
                                + ") is asked for a mainland bank card, which they cannot have");
                    }
                }
            }
        }
        for (String type : types) {
            List<Locale> missing = catalogue.languagesWithoutName(type);
            if (!missing.isEmpty()) {
                found.add(REQUIRED_DOCUMENTS + ": document type " + type + " has no name in "
                        + missing.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", ")) + " (" + CATALOGUE + ")");
            }
        }
        listed(found, violations);
    }

    private void replyWindow(DmnDecision table, List<String> violations) {
        if (table == null) {
            violations.add(REPLY_WINDOW + " has no decision 'ReplyWindow'");
            return;
        }
        Set<String> known = calendars.all().stream().map(WorkingCalendar::id).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        for (RestrictionReason reason : RestrictionReason.values()) {
            for (Channel channel : Channel.values()) {
                String combination = REPLY_WINDOW + ": " + reason + " by " + channel;
                try {
                    DmnDecisionResultEntries promise = dmn.evaluateDecision(table,
                            Map.of("restrictionReason", reason.name(), "channel", channel.name())).getSingleResult();
                    Object days = promise == null ? null : promise.get("workingDays");
                    Object calendar = promise == null ? null : promise.get("calendar");
                    if (promise == null) {
                        found.add(combination + " gets no promise");
                    } else if (!(days instanceof Number number) || number.intValue() < 1 || number.intValue() > 10) {
                        found.add(combination + " is promised " + days + " working days; a promise is 1 to 10");
                    } else if (!known.contains(String.valueOf(calendar))) {
                        found.add(combination + " is promised in calendar '" + calendar + "', which does not exist (known: " + new TreeSet<>(known) + ")");
                    }
                } catch (RuntimeException e) {
                    found.add(combination + " cannot be evaluated: " + e.getMessage());
                }
            }
        }
        listed(found, violations);
    }

    private void breachPolicy(DmnDecision table, List<String> violations) {
        if (table == null) {
            violations.add(BREACH_POLICY + " has no decision 'BreachPolicy'");
            return;
        }
        List<String> found = new ArrayList<>();
        for (RestrictionReason reason : RestrictionReason.values()) {
            for (AccountAccess access : AccountAccess.values()) {
                for (boolean hold : new boolean[] {false, true}) {
                    String combination = BREACH_POLICY + ": " + reason + ", access " + access + (hold ? ", held" : "");
                    try {
                        DmnDecisionResultEntries policy = dmn.evaluateDecision(table, Map.of("breachHold", hold,
                                "restrictionReason", reason.name(), "accountAccess", access.name())).getSingleResult();
                        Object action = policy == null ? null : policy.get("action");
                        Object days = policy == null ? null : policy.get("revisedReplyWorkingDays");
                        if (policy == null || !EXITS.contains(String.valueOf(action))) {
                            found.add(combination + " gets no known exit (" + action + "; known: " + new TreeSet<>(EXITS) + ")");
                        } else if (!(days instanceof Number number) || number.intValue() < 1) {
                            found.add(combination + " gets no new promise");
                        } else if (reason == RestrictionReason.SUSPECTED_MALICIOUS_ACTIVITY && "WITHDRAW_ONLY".equals(action)) {
                            found.add(combination + " releases the money of a suspected fraud without a person deciding");
                        }
                    } catch (RuntimeException e) {
                        found.add(combination + " cannot be evaluated: " + e.getMessage());
                    }
                }
            }
        }
        listed(found, violations);
    }

    /** Every appellant's language and region reaches a review desk whose staff language the application has texts in. */
    private void reviewRouting(DmnDecision table, List<String> regions, List<String> violations) {
        if (table == null) {
            violations.add(REVIEW_ROUTING + " has no decision 'ReviewRouting'");
            return;
        }
        List<String> found = new ArrayList<>();
        for (String language : APPELLANT_LANGUAGES) {
            for (String region : regions) {
                String combination = REVIEW_ROUTING + ": language " + language + ", region " + region;
                try {
                    DmnDecisionResultEntries route = dmn.evaluateDecision(table,
                            Map.of("language", language, "residenceRegion", region)).getFirstResult();
                    Object desk = route == null ? null : route.get("reviewDesk");
                    Object staffLanguage = route == null ? null : route.get("staffLanguage");
                    if (!(desk instanceof String name) || name.isBlank()) {
                        found.add(combination + " reaches no review desk");
                    } else if (!name.matches("[A-Za-z0-9]+")) {
                        found.add(combination + " reaches the desk '" + name + "', which is not a Camunda group id (letters and digits)");
                    } else if (!STAFF_LANGUAGES.contains(String.valueOf(staffLanguage))) {
                        found.add(combination + " is worked in '" + staffLanguage + "'; staff texts exist in " + STAFF_LANGUAGES);
                    }
                } catch (RuntimeException e) {
                    found.add(combination + " cannot be evaluated: " + e.getMessage());
                }
            }
        }
        listed(found, violations);
    }

    private void references(Map<String, String> byName, Set<String> decisions, List<String> violations) {
        String bpmn = byName.get(BPMN);
        Set<String> named = new LinkedHashSet<>();
        for (Pattern pattern : List.of(DELEGATE, BEAN_CALL)) {
            Matcher bean = pattern.matcher(bpmn);
            while (bean.find()) {
                named.add(bean.group(1));
            }
        }
        named.removeAll(BUILT_IN);
        for (String bean : named) {
            if (!beans.containsBean(bean)) {
                violations.add(BPMN + " names a bean '" + bean + "' that does not exist");
            }
        }
        Matcher decision = DECISION_REF.matcher(bpmn);
        while (decision.find()) {
            if (!decisions.contains(decision.group(1))) {
                violations.add(BPMN + " refers to a decision '" + decision.group(1) + "' that is not in this deployment");
            }
        }
        Set<String> forms = new LinkedHashSet<>();
        byName.forEach((name, content) -> {
            if (name.endsWith(".form")) {
                Matcher id = FORM_ID.matcher(content);
                if (id.find()) {
                    forms.add(id.group(1));
                }
            }
        });
        Matcher form = FORM_REF.matcher(bpmn);
        while (form.find()) {
            if (!forms.contains(form.group(1))) {
                violations.add(BPMN + " refers to a form '" + form.group(1) + "' that is not in this deployment");
            }
        }
    }

    /**
     * A model runs only Appeal Desk's delegates, listeners and model functions: no scripts, no Java classes named
     * in the model, no expression that reaches other beans (the data source, the engine) or the engine's services
     * through {@code execution}, or Java reflection. Deploying is a process owner's right; running code on the
     * server is not. The model is read as the engine reads it: parsed as XML (its own encoding, every character
     * reference and entity resolved, the Camunda attributes by their namespace whatever their prefix), and every
     * attribute value and text checked for expressions. {@link ModelExpressions} keeps the same rule when the
     * expressions run.
     */
    private void runsOnlyOurCode(String name, byte[] bytes, List<String> violations) {
        Document document;
        try {
            document = parse(bytes);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            violations.add(name + " is not well-formed XML (or declares a DTD, which models may not): " + e.getMessage());
            return;
        }
        Set<String> forbidden = new TreeSet<>();
        List<String> texts = new ArrayList<>();
        List<String> dmnTexts = new ArrayList<>();
        Set<String> languages = new TreeSet<>();
        collect(document.getDocumentElement(), forbidden, texts, dmnTexts, languages);
        for (String element : forbidden) {
            violations.add(name + " uses " + element + ": models may run only Appeal Desk's delegates, not scripts, "
                    + "Java classes or connectors");
        }
        for (String language : languages) {
            String value = language.toLowerCase(Locale.ROOT);
            if (!value.equals("juel") && !value.contains("feel")) {
                violations.add(name + " evaluates expressions in '" + language + "': only FEEL and JUEL are allowed");
            }
        }
        if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            for (String text : dmnTexts) {
                if (EXTERNAL_FUNCTION.matcher(text).find()) {
                    violations.add(name + " defines an external (Java) function: " + text.strip());
                }
            }
        }
        Set<String> allowedBeans = modelBeans();
        Set<String> problems = new LinkedHashSet<>();
        for (String text : texts) {
            for (String expression : expressions(text)) {
                checkExpression(name, expression, allowedBeans, problems);
            }
        }
        listed(new ArrayList<>(problems), violations);
    }

    private void checkExpression(String name, String expression, Set<String> allowedBeans, Set<String> problems) {
        Matcher raw = IDENTIFIER.matcher(expression);
        while (raw.find()) {
            if (REFLECTION.contains(raw.group(1))) {
                problems.add(name + ": the expression ${" + expression + "} uses '" + raw.group(1) + "', which models may not");
            }
        }
        String code = withoutLiterals(expression);
        if (CONTEXT_INDEX.matcher(code).find()) {
            problems.add(name + ": the expression ${" + expression + "} indexes execution or task; models may read only "
                    + new TreeSet<>(CONTEXT_PROPERTIES));
        }
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            String word = identifier.group(1);
            boolean member = code.substring(0, identifier.start()).stripTrailing().endsWith(".");
            if (!member && !BUILT_IN.contains(word) && beans.containsBean(word) && !allowedBeans.contains(word)) {
                problems.add(name + ": the expression ${" + expression + "} reaches the bean '" + word
                        + "', which is not one of Appeal Desk's delegates, listeners or model functions");
            }
        }
        Matcher property = CONTEXT_PROPERTY.matcher(code);
        while (property.find()) {
            if (!CONTEXT_PROPERTIES.contains(property.group(2))) {
                problems.add(name + ": the expression ${" + expression + "} reads " + property.group(1) + "."
                        + property.group(2) + "; models may read only " + new TreeSet<>(CONTEXT_PROPERTIES));
            }
        }
    }

    /** A model as the engine reads it: in its declared encoding, namespaces resolved, no DTD and no external entity. */
    private static Document parse(byte[] bytes) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(bytes));
    }

    /**
     * Walks the model: elements and attributes that run code (by local name in any namespace for scripts, by the
     * Camunda namespaces for class names and resources), every attribute value and text (where expressions are),
     * the texts of DMN's {@code <text>} and the expression languages named.
     */
    private static void collect(Element element, Set<String> forbidden, List<String> texts, List<String> dmnTexts,
            Set<String> languages) {
        String local = localName(element);
        boolean camunda = isCamunda(element.getNamespaceURI());
        if (local.equals("scriptTask") || local.equals("script") || camunda && local.equals("connector")) {
            forbidden.add((camunda ? "camunda:" : "") + local);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String attributeName = localName(attribute);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                continue;
            }
            if (attributeName.equals("scriptFormat") || isCamunda(attribute.getNamespaceURI())
                    && (attributeName.equals("class") || attributeName.endsWith("Class") || attributeName.equals("resource"))) {
                forbidden.add((isCamunda(attribute.getNamespaceURI()) ? "camunda:" : "") + attributeName);
            }
            if (attributeName.equals("expressionLanguage") || attributeName.equals("typeLanguage")) {
                languages.add(attribute.getValue());
            }
            texts.add(attribute.getValue());
        }
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                collect(nested, forbidden, texts, dmnTexts, languages);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child.getNodeType() == Node.ENTITY_REFERENCE_NODE) {
                forbidden.add("an entity reference (&" + child.getNodeName() + ";)");
            }
        }
        if (!text.isEmpty()) {
            texts.add(text.toString());
            if (local.equals("text")) {
                dmnTexts.add(text.toString());
            }
        }
    }

    private static String localName(Node node) {
        return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
    }

    private static boolean isCamunda(String namespace) {
        return namespace != null && (namespace.startsWith("http://camunda.org/schema/") || namespace.startsWith("http://activiti.org/"));
    }

    /**
     * The expressions in a text, {@code ${...}} and {@code #{...}}, each to its closing brace outside string
     * literals (a brace inside quotes does not end it, as it does not for the engine).
     */
    static List<String> expressions(String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = i + 2;
                while (end < text.length() && text.charAt(end) != '}') {
                    end = isQuote(text.charAt(end)) ? literalEnd(text, end) + 1 : end + 1;
                }
                found.add(text.substring(i + 2, Math.min(end, text.length())));
                i = end;
            }
        }
        return found;
    }

    /** The expression with each string literal (escapes included) emptied, so only its code is left to read. */
    static String withoutLiterals(String expression) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            code.append(c);
            if (isQuote(c)) {
                i = literalEnd(expression, i);
                if (i < expression.length()) {
                    code.append(c);
                }
            }
        }
        return code.toString();
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    /** Where the string literal opened at {@code open} ends: its closing quote (escapes skipped), or the text's end. */
    private static int literalEnd(String text, int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, text.length());
    }

    /** Beans a model may name: Appeal Desk's delegates and listeners, and the functions its models call. */
    private Set<String> modelBeans() {
        return new ModelBeans(beans).names();
    }

    private static void listed(List<String> found, List<String> violations) {
        violations.addAll(found.subList(0, Math.min(found.size(), MAX_LISTED)));
        if (found.size() > MAX_LISTED) {
            violations.add("... and " + (found.size() - MAX_LISTED) + " more of the same kind");
        }
    }

    private static String fileName(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }
}
