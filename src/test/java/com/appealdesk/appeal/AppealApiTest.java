package com.appealdesk.appeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.appealdesk.AppealDeskTest;
import com.appealdesk.support.AppealScenarios;
import com.appealdesk.support.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The appellant API refuses bad input with the field and the reason, and changes nothing when it does. */
@AppealDeskTest
class AppealApiTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void refusesAnIncompleteAppealNamingEachFieldAndStoresNothing() {
        long before = appealCount();
        ResponseEntity<Map> response = http.post("/api/appeals", Http.WALLET, Map.of(
                "accountId", "acct 1", "channel", "APP",
                "applicant", Map.of("fullName", " ", "residenceRegion", "usa", "idDocumentType", "PASSPORT",
                        "language", "en", "email", "not-an-email")));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("accountId", "applicant.email", "applicant.fullName",
                "applicant.residenceRegion");
        assertThat(appealCount()).isEqualTo(before);

        // a national number would be sent as if its first digits were a country code
        for (String national : List.of("(415) 555-0100", "-----")) {
            ResponseEntity<Map> phone = http.post("/api/appeals", Http.WALLET, appeal(restrictedAccount(), Map.of("applicant",
                    Map.of("fullName", "Jane Doe", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                            "phone", national))));
            assertThat(phone.getStatusCode().value()).as(national).isEqualTo(400);
            assertThat(fields(phone)).containsExactly("applicant.phone");
        }

        // ideographic spaces only: blank to a reader, though not to @NotBlank
        ResponseEntity<Map> spaces = http.post("/api/appeals", Http.WALLET, appeal(restrictedAccount(), Map.of("applicant",
                Map.of("fullName", "\u3000\u3000", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en"))));
        assertThat(spaces.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(spaces)).containsExactly("applicant.fullName");
        assertThat(appealCount()).isEqualTo(before);
    }

    @Test
    void aBodyOfAnotherTypeOrAMethodNotAnsweredIsAProblemNamingWhatWouldDo() {
        ResponseEntity<Map> text = http.post("/api/appeals", Http.WALLET, "{}", Map.of("Content-Type", "text/plain"));
        assertThat(text.getStatusCode().value()).isEqualTo(415);
        assertThat(text.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(fields(text)).containsExactly("Content-Type");
        assertThat(text.getBody().get("detail").toString()).contains("application/json", "text/plain");

        ResponseEntity<Map> delete = http.delete("/api/appeals", Http.WALLET, null);
        assertThat(delete.getStatusCode().value()).isEqualTo(405);
        assertThat(delete.getHeaders().getFirst("Allow")).contains("POST");
        assertThat(delete.getBody().get("detail").toString()).contains("DELETE is not answered here");
    }

    @Test
    void refusesUnknownCodesRegionsAndAReasonChosenByTheCaller() {
        String account = restrictedAccount();
        ResponseEntity<Map> chosenReason = http.post("/api/appeals", Http.WALLET, appeal(account,
                Map.of("restrictionReason", "OTHER")));
        assertThat(chosenReason.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(chosenReason)).containsExactly("restrictionReason");
        assertThat(chosenReason.getBody().get("detail").toString()).contains("comes from the wallet");

        ResponseEntity<Map> badChannel = http.post("/api/appeals", Http.WALLET, appeal(account, Map.of("channel", "PIGEON")));
        assertThat(fields(badChannel)).containsExactly("channel");
        assertThat(badChannel.getBody().get("detail").toString()).contains("HOTLINE");

        ResponseEntity<Map> badRegion = http.post("/api/appeals", Http.WALLET, appealWith(account, Map.of(), "XX", "en"));
        assertThat(fields(badRegion)).containsExactly("applicant.residenceRegion");
        ResponseEntity<Map> badLanguage = http.post("/api/appeals", Http.WALLET, appealWith(account, Map.of(), "US", "not_a_tag!"));
        assertThat(fields(badLanguage)).containsExactly("applicant.language");
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where account_id = ?").param(account)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aTimeZoneIsAnIanaZoneOrRefusedAndAGivenOneIsWhatTheStatusPageUses() {
        String account = restrictedAccount();
        for (String bad : List.of("Mars/Olympus_Mons", "+08:00", "UTC", "Asia/Shanghai; drop table appeal")) {
            ResponseEntity<Map> refused = http.post("/api/appeals", Http.WALLET, appeal(account, Map.of("applicant",
                    Map.of("fullName", "Jane Doe", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                            "timeZone", bad))));
            assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(fields(refused)).as(bad).containsExactly("applicant.timeZone");
        }
        assertThat(jdbc.sql("select count(*) from appeal_desk.appeal where account_id = ?").param(account)
                .query(Long.class).single()).isZero();

        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, appeal(account, Map.of("applicant",
                Map.of("fullName", "Jane Doe", "residenceRegion", "US", "idDocumentType", "PASSPORT", "language", "en",
                        "timeZone", "America/Los_Angeles"))));
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> status = http.get("/api/appeals/" + opened.getBody().get("trackingNumber"),
                "Bearer " + opened.getBody().get("accessToken"));
        assertThat(status.getBody().get("appellantTimeZone")).isEqualTo("America/Los_Angeles");
        assertThat(status.getBody().get("calendarTimeZone")).isEqualTo("Asia/Shanghai");
        assertThat(status.getBody().get("replyDueAtLocal")).as("no date before the documents are complete").isNull();
    }

    @Test
    void aSecondAppealForTheSameAccountWhileOneIsOpenNamesTheOpenOne() {
        String account = restrictedAccount();
        ResponseEntity<Map> first = http.post("/api/appeals", Http.WALLET, appeal(account, Map.of()));
        ResponseEntity<Map> second = http.post("/api/appeals", Http.WALLET, appeal(account, Map.of()));

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody().get("openTrackingNumber")).isEqualTo(first.getBody().get("trackingNumber"));
    }

    @Test
    void uploadsAreCheckedForTokenTypeContentAndSizeAndARefusedUploadStoresNothing() {
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, appeal(restrictedAccount(), Map.of()));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");
        String bearer = "Bearer " + opened.getBody().get("accessToken");

        assertThat(http.upload(trackingNumber, null, "PASSPORT_DATA_PAGE", AppealScenarios.PNG).getStatusCode().value()).isEqualTo(401);
        assertThat(http.upload(trackingNumber, "Bearer wrong", "PASSPORT_DATA_PAGE", AppealScenarios.PNG).getStatusCode().value()).isEqualTo(401);
        assertThat(http.upload(trackingNumber, Http.WALLET, "PASSPORT_DATA_PAGE", AppealScenarios.PNG).getStatusCode().value())
                .as("a service key is not the appellant's token").isEqualTo(401);
        assertThat(http.upload("AD-00000000-NOPE22", bearer, "PASSPORT_DATA_PAGE", AppealScenarios.PNG).getStatusCode().value())
                .as("an unknown number is not told apart from a wrong token").isEqualTo(401);
        ResponseEntity<Map> twoFiles = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", AppealScenarios.PNG,
                Map.of(), AppealScenarios.PNG);
        assertThat(twoFiles.getStatusCode().value()).as("which one was meant?").isEqualTo(400);
        assertThat(fields(twoFiles)).containsExactly("file");
        ResponseEntity<Map> wrongType = http.upload(trackingNumber, bearer, "MAINLAND_BANK_CARD", AppealScenarios.PNG);
        assertThat(wrongType.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(wrongType)).containsExactly("type");
        ResponseEntity<Map> notAnImage = http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", "<script>".getBytes());
        assertThat(notAnImage.getStatusCode().value()).isEqualTo(415);
        assertThat(fields(notAnImage)).containsExactly("file");
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(AppealScenarios.PNG, 0, tooLarge, 0, AppealScenarios.PNG.length);
        assertThat(http.upload(trackingNumber, bearer, "PASSPORT_DATA_PAGE", tooLarge).getStatusCode().value()).isEqualTo(413);

        assertThat(jdbc.sql("select count(*) from appeal_desk.document where tracking_number = ?")
                .param(trackingNumber).query(Long.class).single()).isZero();
        Map status = http.get("/api/appeals/" + trackingNumber, bearer).getBody();
        assertThat(status.get("status")).isEqualTo("AWAITING_DOCUMENTS");
    }

    @Test
    void theStatusPageNeedsTheAppellantsToken() {
        ResponseEntity<Map> opened = http.post("/api/appeals", Http.WALLET, appeal(restrictedAccount(), Map.of()));
        String trackingNumber = (String) opened.getBody().get("trackingNumber");

        assertThat(http.get("/api/appeals/" + trackingNumber, null).getStatusCode().value()).isEqualTo(401);
        assertThat(http.get("/api/appeals/" + trackingNumber + "/messages", "Bearer nope").getStatusCode().value()).isEqualTo(401);
        ResponseEntity<Map> unknown = http.get("/api/appeals/AD-00000000-NOPE22", "Bearer x");
        ResponseEntity<Map> wrongToken = http.get("/api/appeals/" + trackingNumber, "Bearer x");
        assertThat(unknown.getStatusCode().value()).as("guessing numbers does not tell which exist").isEqualTo(401);
        assertThat(unknown.getBody().get("detail")).isEqualTo(wrongToken.getBody().get("detail"));
        assertThat(http.get("/api/appeals/" + trackingNumber, "Bearer " + opened.getBody().get("accessToken"))
                .getStatusCode().value()).isEqualTo(200);
    }

    private String restrictedAccount() {
        String account = AppealScenarios.newAccountId();
        assertThat(http.restrict(account, "RESTRICTED", "IDENTITY_INCOMPLETE").getStatusCode().value()).isEqualTo(201);
        return account;
    }

    private Map<String, Object> appeal(String accountId, Map<String, Object> overrides) {
        return appealWith(accountId, overrides, "US", "en");
    }

    static Map<String, Object> appealWith(String accountId, Map<String, Object> overrides, String region, String language) {
        Map<String, Object> body = new HashMap<>(Map.of("accountId", accountId,
                "channel", "HOTLINE", "applicant", Map.of("fullName", "Jane Doe", "residenceRegion", region,
                        "idDocumentType", "PASSPORT", "language", language, "email", "jane@example.com")));
        body.putAll(overrides);
        return body;
    }

    private long appealCount() {
        return jdbc.sql("select count(*) from appeal_desk.appeal").query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(ResponseEntity<Map> response) {
        return ((List<Map<String, String>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
