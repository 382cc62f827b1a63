package com.appealdesk.system.engineapi;

import com.appealdesk.api.BufferedRequest;
import com.appealdesk.system.security.AuditorReads;
import com.appealdesk.system.security.RefusalRecorder;
import com.appealdesk.system.security.StaffUser;
import com.appealdesk.process.AppealVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine API narrowed to what staff use, for everyone but administrators, on {@code /engine-rest} and on the
 * webapps' engine API that Tasklist and Cockpit call. Reads pass (the engine's authorizations decide what each may
 * see), except a case's variables, read by those who work its task ({@link #variableReadProblem}); of the writes,
 * only task work passes: claim, unclaim, comments, and completing a review with the review form's fields only; supervisors may also reassign and reschedule tasks. Everything else (executing jobs, setting
 * retries, deploying, writing process variables, changing candidate groups, modifying instances) is answered 403
 * before it reaches the engine, so a refused call changes nothing, not even a job's retries.
 */
public class EngineApiGuard extends OncePerRequestFilter {

    private static final Pattern ENGINE_PATH = Pattern.compile(
            "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)?$");
    /**
     * Cockpit's own API: its plugins query instances and their variables with SQL of their own, which the webapp lets
     * any logged-in user call (Cockpit's app authorization is not checked there).
     */
    private static final Pattern COCKPIT_PATH = Pattern.compile("^/camunda/api/cockpit/.*$");
    private static final List<Pattern> QUERIES = patterns(
            "/task", "/task/count", "/filter/[^/]+/(list|count|singleResult)", "/history/(?!cleanup$)[a-z-]+(/count)?",
            "/variable-instance(/count)?", "/process-instance(/count)?", "/execution(/count)?",
            "/process-definition(/count)?", "/deployment(/count)?", "/decision-definition(/count)?", "/incident(/count)?");
    private static final Pattern COMPLETION = Pattern.compile("/task/[^/]+/(complete|submit-form)");
    /**
     * Writing a comment on a task: for whoever may work it. The engine's command checks no authorization; its REST
     * resource needs a history grant staff do not hold, so such comments are answered by {@link TaskComments}.
     */
    private static final Pattern COMMENT_CREATE = Pattern.compile("/task/([^/]+)/comment/create");
    /** Reading the comments on a task or a case: what staff wrote about it. */
    private static final Pattern TASK_COMMENTS = Pattern.compile("/task/([^/]+)/comment(/.*)?");
    private static final Pattern CASE_COMMENTS = Pattern.compile("/process-instance/[^/]+/comment(/.*)?");
    private static final Pattern CLAIM = Pattern.compile("/task/([^/]+)/(claim|unclaim)");
    private static final Pattern OWN_USER = Pattern.compile("/user/([^/]+)/(profile|credentials)");
    /** Reads of variables across cases: by instance, by execution, or as queries over every case. */
    private static final Pattern CASE_VARIABLES = Pattern.compile(
            "/(variable-instance|history/variable-instance|history/detail)(/.*)?|/(process-instance|execution)/[^/]+/(variables|localVariables)(/.*)?");
    /** Reads of the variables a task's form shows. */
    private static final Pattern TASK_VARIABLES = Pattern.compile("/task/([^/]+)/(variables|localVariables|form-variables)(/.*)?");
    private static final Set<String> COMPLETION_FIELDS = Set.of("variables", "withVariablesInReturn");
    private static final int MAX_BODY = 256 * 1024;
    private static final String STAFF_WRITTEN_CRITERION = "what staff write on a case is not a query criterion: "
            + AppealVariables.STAFF_WRITTEN + " are read through the task you work";

    private final ProcessEngine engine;
    private final ObjectMapper json;
    private final AuditorReads auditorReads;
    private final TaskComments taskComments;

    public EngineApiGuard(ProcessEngine engine, ObjectMapper json, AuditorReads auditorReads) {
        this.engine = engine;
        this.json = json;
        this.auditorReads = auditorReads;
        this.taskComments = new TaskComments(engine, json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = mappedPath(request);
        return !ENGINE_PATH.matcher(path).matches() && !COCKPIT_PATH.matcher(path).matches();
    }

    /**
     * The path as the container mapped it (decoded, {@code ;parameters} removed), which is what the engine's servlet
     * routes on: {@code /engine-rest;x/job/1/execute} is checked as {@code /engine-rest/job/1/execute}.
     */
    static String mappedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return servletPath + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty() || caller.get().groups().contains(StaffUser.ADMINS)) {
            chain.doFilter(request, response);
            return;
        }
        if (COCKPIT_PATH.matcher(mappedPath(request)).matches()) {
            cockpit(request, response, chain, caller.get());
            return;
        }
        if (caller.get().groups().contains(StaffUser.AUDITORS)) {
            auditorReads.recordAround(request, response, caller.get().userId(), !mappedPath(request).startsWith("/engine-rest"),
                    () -> guard(request, response, chain, caller.get()));
            return;
        }
        guard(request, response, chain, caller.get());
    }

    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Caller caller)
            throws ServletException, IOException {
        Matcher path = ENGINE_PATH.matcher(mappedPath(request));
        String relative = path.matches() && path.group(1) != null ? path.group(1) : "/";
        String method = request.getMethod();
        Optional<String> variables = variableReadProblem(relative, caller);
        Optional<String> comments = commentProblem(method, relative, caller);
        Matcher commentCreate = COMMENT_CREATE.matcher(relative);
        Matcher commentRead = TASK_COMMENTS.matcher(relative);
        boolean creates = commentCreate.matches() && "POST".equals(method);
        boolean reads = !creates && commentRead.matches() && "GET".equals(method) && !commentRead.group(1).isEmpty()
                && (commentRead.group(2) == null || commentRead.group(2).lastIndexOf('/') == 0);
        // answered here when served: the engine's resource needs a history grant that staff who work tasks do not hold
        Optional<org.camunda.bpm.engine.task.Task> commented = comments.isPresent() || !(creates || reads) ? Optional.empty()
                : taskComments.served(creates ? commentCreate.group(1) : commentRead.group(1), caller.groups());
        if (comments.isPresent()) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, comments.get());
        } else if (commented.isPresent() && creates) {
            taskComments.create(request, commented.get(), new BufferedRequest(request, MAX_BODY).body(), caller.userId(),
                    List.copyOf(caller.groups()), response);
        } else if (commented.isPresent()) {
            taskComments.read(commented.get(), commentRead.group(2) == null ? null : commentRead.group(2).substring(1),
                    response);
        } else if (COMPLETION.matcher(relative).matches() && "POST".equals(method)) {
            BufferedRequest buffered = new BufferedRequest(request, MAX_BODY);
            Optional<String> problem = completionProblem(buffered.body());
            if (problem.isPresent()) {
                refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, problem.get());
                return;
            }
            chain.doFilter(buffered, response);
        } else if (CLAIM.matcher(relative).matches() && "POST".equals(method)) {
            BufferedRequest buffered = new BufferedRequest(request, MAX_BODY);
            Optional<String> problem = claimProblem(relative, buffered.body(), caller);
            if (problem.isPresent()) {
                refuse(request, response, HttpServletResponse.SC_FORBIDDEN, problem.get());
                return;
            }
            chain.doFilter(buffered, response);
        } else if (variables.isPresent()) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, variables.get());
        } else if (!overseesCases(caller) && "POST".equals(method) && matches(QUERIES, relative)) {
            BufferedRequest buffered = new BufferedRequest(request, MAX_BODY);
            if (namesStaffWriting(request, buffered.body())) {
                refuse(request, response, HttpServletResponse.SC_FORBIDDEN, STAFF_WRITTEN_CRITERION);
                return;
            }
            chain.doFilter(buffered, response);
        } else if (!overseesCases(caller) && ("GET".equals(method) || "HEAD".equals(method)) && namesStaffWriting(request, new byte[0])) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, STAFF_WRITTEN_CRITERION);
        } else if (allowed(method, relative, caller)) {
            chain.doFilter(request, response);
        } else {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
                    method + " " + relative + " is not part of any staff role's work; only administrators may call it");
        }
    }

    /**
     * Cockpit's API for those who do not oversee cases (process owners, operators, anyone logged in): what staff write
     * on a case is not a criterion there either. Auditors' reads of it are recorded by {@code CockpitReads}.
     */
    private void cockpit(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Caller caller)
            throws ServletException, IOException {
        if (overseesCases(caller)) {
            chain.doFilter(request, response);
            return;
        }
        BufferedRequest buffered = new BufferedRequest(request, MAX_BODY);
        if (namesStaffWriting(request, buffered.body())) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, STAFF_WRITTEN_CRITERION);
            return;
        }
        chain.doFilter(buffered, response);
    }

    /**
     * Comments are what staff write about a case: written by whoever may work the task (never by an auditor, who
     * changes nothing, nor a process owner), read by them and by those who oversee cases.
     */
    private Optional<String> commentProblem(String method, String relative, Caller caller) {
        Matcher create = COMMENT_CREATE.matcher(relative);
        if (create.matches() && "POST".equals(method)) {
            boolean works = caller.groups().contains(StaffUser.SUPERVISORS)
                    || caller.groups().contains(StaffUser.REVIEWERS) && mayWork(create.group(1), caller);
            return works && !caller.groups().contains(StaffUser.AUDITORS) ? Optional.empty()
                    : Optional.of("a comment is written on a task by whoever may work it");
        }
        if (overseesCases(caller)) {
            return Optional.empty();
        }
        if (CASE_COMMENTS.matcher(relative).matches()) {
            return Optional.of("a case's comments are read through the task you work on it; across cases they are for "
                    + "auditors and supervisors");
        }
        Matcher read = TASK_COMMENTS.matcher(relative);
        if (read.matches() && !(caller.groups().contains(StaffUser.REVIEWERS) && mayWork(read.group(1), caller))) {
            return Optional.of("the task's comments are read by whoever may work it");
        }
        return Optional.empty();
    }

    private static boolean allowed(String method, String relative, Caller caller) {
        boolean supervisor = caller.groups().contains(StaffUser.SUPERVISORS);
        boolean processOwner = caller.groups().contains(StaffUser.PROCESS_OWNERS);
        Matcher ownUser = OWN_USER.matcher(relative);
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> true;
            case "POST" -> matches(QUERIES, relative) || COMMENT_CREATE.matcher(relative).matches()
                    || supervisor && relative.matches("/task/[^/]+/(assignee|delegate)")
                    || processOwner && relative.equals("/deployment/create");
            case "PUT" -> supervisor && relative.matches("/task/[^/]+")
                    || ownUser.matches() && ownUser.group(1).equals(caller.userId());
            default -> false;
        };
    }

    /**
     * Need-to-know for the case's variables (which hold the case's facts, and on some tasks what staff wrote about it:
     * the decision to confirm, a sent-back note, the commitments). The engine lets every member of a desk read every
     * task and instance of the process (one grant per desk keeps the queue fast), so the variables are narrowed here:
     * a task's variables are read by whoever may work that task (its assignee, or a member of its candidate groups
     * while it is unclaimed); reads across cases (by instance, execution, or a variable query) are for auditors
     * (recorded) and supervisors, who oversee the desk. Tasklist reads a form's variables through its task.
     */
    private Optional<String> variableReadProblem(String relative, Caller caller) {
        if (overseesCases(caller)) {
            return Optional.empty();
        }
        if (CASE_VARIABLES.matcher(relative).matches()) {
            return Optional.of("a case's variables are read through the task you work on it (/task/{id}/form-variables); "
                    + "reads across cases are for auditors and supervisors");
        }
        Matcher task = TASK_VARIABLES.matcher(relative);
        if (task.matches() && !mayWork(task.group(1), caller)) {
            return Optional.of("the task is neither assigned to you nor offered unclaimed to your groups");
        }
        return Optional.empty();
    }

    private static boolean overseesCases(Caller caller) {
        return caller.groups().contains(StaffUser.AUDITORS) || caller.groups().contains(StaffUser.SUPERVISORS);
    }

    /**
     * Whether a query names a variable staff write on a case ({@link AppealVariables#STAFF_WRITTEN}) anywhere in its
     * parameters or its JSON body: as a criterion ({@code processVariables=sentBackNote_like_%fraud%}) it would tell a
     * reviewer which cases hold what was written, without reading a variable.
     */
    private boolean namesStaffWriting(HttpServletRequest request, byte[] body) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (mentionsStaffWriting(parameter.getKey()) || java.util.Arrays.stream(parameter.getValue()).anyMatch(EngineApiGuard::mentionsStaffWriting)) {
                return true;
            }
        }
        if (body.length == 0) {
            return false;
        }
        try {
            return mentionsStaffWriting(json.readTree(body));
        } catch (IOException notJson) {
            return false; // the engine refuses it
        }
    }

    private static boolean mentionsStaffWriting(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return mentionsStaffWriting(node.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (mentionsStaffWriting(field.getKey()) || mentionsStaffWriting(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : java.util.List.<JsonNode>of()) {
            if (mentionsStaffWriting(element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsStaffWriting(String text) {
        return AppealVariables.namesStaffWriting(text);
    }

    private boolean mayWork(String taskId, Caller caller) {
        return withoutAuthorization(() -> {
            org.camunda.bpm.engine.task.Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return true; // the engine answers that it does not exist
            }
            if (task.getAssignee() != null) {
                return task.getAssignee().equals(caller.userId());
            }
            return engine.getTaskService().getIdentityLinksForTask(taskId).stream()
                    .filter(link -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType()))
                    .anyMatch(link -> caller.userId().equals(link.getUserId())
                            || link.getGroupId() != null && caller.groups().contains(link.getGroupId()));
        });
    }

    /**
     * One case, one owner: staff claim a task for themselves only, and give back only a task they hold; taking a
     * task from someone else, or handing one to someone, is a supervisor's reassignment ({@code /assignee}).
     */
    private Optional<String> claimProblem(String relative, byte[] body, Caller caller) {
        Matcher claim = CLAIM.matcher(relative);
        claim.matches();
        String taskId = claim.group(1);
        if ("claim".equals(claim.group(2))) {
            String userId;
            try {
                JsonNode request = body.length == 0 ? null : json.readTree(body);
                userId = request == null ? null : request.path("userId").asText(null);
            } catch (IOException e) {
                return Optional.of("the request body is not valid JSON");
            }
            return caller.userId().equals(userId) ? Optional.empty()
                    : Optional.of("a task is claimed for yourself only; a supervisor reassigns it to someone else");
        }
        if (caller.groups().contains(StaffUser.SUPERVISORS)) {
            return Optional.empty();
        }
        String assignee = withoutAuthorization(() -> {
            org.camunda.bpm.engine.task.Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
            return task == null ? null : task.getAssignee();
        });
        return assignee == null || assignee.equals(caller.userId()) ? Optional.empty()
                : Optional.of("the task is held by someone else; only they or a supervisor can give it back");
    }

    private <T> T withoutAuthorization(java.util.function.Supplier<T> read) {
        org.camunda.bpm.engine.impl.identity.Authentication current = engine.getIdentityService().getCurrentAuthentication();
        engine.getIdentityService().clearAuthentication();
        try {
            return read.get();
        } finally {
            if (current != null) {
                engine.getIdentityService().setAuthentication(current);
            }
        }
    }

    /** A review (or its confirmation) is completed with its form's fields and nothing else. */
    private Optional<String> completionProblem(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            return Optional.of("the request body is not valid JSON");
        }
        if (request == null || request.isNull()) {
            return Optional.empty();
        }
        for (Iterator<String> fields = request.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!COMPLETION_FIELDS.contains(field)) {
                return Optional.of("'" + field + "' is not accepted when completing a review");
            }
        }
        for (Iterator<String> names = request.path("variables").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!AppealVariables.REVIEW_FORM.contains(name) && !AppealVariables.CONFIRMATION_FORM.contains(name)
                    && !AppealVariables.QUALITY_FORM.contains(name)) {
                return Optional.of("variables: '" + name + "' is not a field of the review form " + AppealVariables.REVIEW_FORM
                        + ", the confirmation form " + AppealVariables.CONFIRMATION_FORM + " or the quality review form "
                        + AppealVariables.QUALITY_FORM);
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        request.setAttribute(RefusalRecorder.REASON, message);
        request.setAttribute(RefusalRecorder.DENIED, Boolean.TRUE);
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), Map.of("type", status == 400 ? "InvalidRequestException" : "AuthorizationException",
                "message", message));
    }

    private record Caller(String userId, Set<String> groups) {
    }

    /** The engine REST API's Basic login (set by the engine's filter before this one), or the webapps' session. */
    private Optional<Caller> caller(HttpServletRequest request) {
        org.camunda.bpm.engine.impl.identity.Authentication current = engine.getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return Optional.of(new Caller(current.getUserId(),
                    current.getGroupIds() == null ? Set.of() : new HashSet<>(current.getGroupIds())));
        }
        HttpSession session = request.getSession(false);
        Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (all == null) {
            return Optional.empty();
        }
        Authentication authentication = all.getAuthenticationForProcessEngine(engine.getName());
        if (authentication instanceof UserAuthentication user) {
            return Optional.of(new Caller(user.getIdentityId(), user.getGroupIds() == null ? Set.of() : new HashSet<>(user.getGroupIds())));
        }
        return Optional.empty();
    }

    private static boolean matches(List<Pattern> patterns, String relative) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(relative).matches());
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
