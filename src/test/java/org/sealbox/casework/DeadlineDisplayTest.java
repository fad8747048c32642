package org.sealbox.casework;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legal deadlines shown on the case list and the case page for reports received at 14:00
 * Europe/Berlin on 31 January (month end), 28 March (before the spring change) and 24 October
 * (before the autumn change) 2025. The wall-clock time stays 14:00 across both changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineDisplayTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String BREACH = "Notify the supervisory authority (72 hours, GDPR Art. 33(1))";
    private static final String RESPONSE = "Answer the request (one month, GDPR Art. 12(3))";
    private static final String ACKNOWLEDGEMENT = "Acknowledge receipt (7 days)";
    private static final String FEEDBACK = "Give feedback (3 months)";

    @TempDir
    static Path dataDir;

    private final MutableClock clock = new MutableClock(berlin("2025-01-01T09:00"));
    private TestServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of("sealbox.organisation.time-zone", "Europe/Berlin"), clock);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> receivedTimes() {
        return Stream.of(
                Arguments.of("2025-01-31T14:00", "2025-02-03 14:00", "3 d 0 h left", "2025-02-28 14:00",
                        "2025-02-07 14:00", "2025-05-07 14:00"),
                Arguments.of("2025-03-28T14:00", "2025-03-31 14:00", "2 d 23 h left", "2025-04-28 14:00",
                        "2025-04-04 14:00", "2025-07-04 14:00"),
                Arguments.of("2025-10-24T14:00", "2025-10-27 14:00", "3 d 1 h left", "2025-11-24 14:00",
                        "2025-10-31 14:00", "2026-01-31 14:00"));
    }

    @ParameterizedTest(name = "received {0} Europe/Berlin")
    @MethodSource("receivedTimes")
    void deadlinesOnListAndCasePage(String received, String breachDue, String breachLeft, String responseDue,
                                    String acknowledgementDue, String feedbackDue) throws Exception {
        Instant receipt = berlin(received);
        clock.advance(Duration.between(clock.instant(), receipt));
        String breach = CaseworkSteps.send(server, "breach");
        String request = CaseworkSteps.send(server, "request");

        try (WebClient browser = TestServer.browser()) {
            Officer officer = new Officer(browser, server);
            HtmlPage list = officer.login();

            String breachRow = CaseworkSteps.row(list, breach);
            assertTrue(breachRow.contains(BREACH), breachRow);
            assertTrue(breachRow.contains(zoned(breachDue)), breachRow);
            assertTrue(breachRow.contains(breachLeft), breachRow);
            assertTrue(breachRow.contains("around " + received.replace('T', ' ') + " (Europe/Berlin)"), breachRow);
            String requestRow = CaseworkSteps.row(list, request);
            assertTrue(requestRow.contains(ACKNOWLEDGEMENT), requestRow);
            assertTrue(requestRow.contains(zoned(acknowledgementDue)), requestRow);

            HtmlPage breachPage = officer.openCase(list, breach);
            assertDeadline(breachPage, BREACH, breachDue);
            assertDeadline(breachPage, ACKNOWLEDGEMENT, acknowledgementDue);
            assertDeadline(breachPage, FEEDBACK, feedbackDue);

            HtmlPage requestPage = officer.openCase(browser.getPage(server.adminUrl("/cases")), request);
            assertDeadline(requestPage, RESPONSE, responseDue);
            assertDeadline(requestPage, ACKNOWLEDGEMENT, acknowledgementDue);
            assertDeadline(requestPage, FEEDBACK, feedbackDue);
        }
    }

    private static void assertDeadline(HtmlPage casePage, String kind, String due) {
        for (HtmlElement row : casePage.getBody().getElementsByTagName("tr")) {
            String text = row.asNormalizedText();
            if (text.startsWith(kind)) {
                assertTrue(text.contains(zoned(due)), kind + " on the case page: " + text);
                return;
            }
        }
        throw new AssertionError("no deadline row '" + kind + "' on the case page:\n" + casePage.asNormalizedText());
    }

    private static String zoned(String localDateTime) {
        return localDateTime + " (Europe/Berlin)";
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
