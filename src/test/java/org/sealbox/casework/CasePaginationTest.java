package org.sealbox.casework;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages of 50 rows in deadline order, with page links that keep the filters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePaginationTest {

    private static final int COPIES = 120;

    @TempDir
    static Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
    private TestServer server;

    @BeforeAll
    void createCases() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        long source = SampleReports.caseId(server, CaseworkSteps.send(server, "breach"));
        Instant now = clock.instant();
        server.app().database().write(h -> {
            for (int i = 1; i <= COPIES; i++) {
                // An earlier receipt gives an earlier acknowledgement deadline, so the deadline order is by i, descending.
                long id = CaseRows.copy(h, source, reference(i), "request", now.minus(Duration.ofHours(i)), "new");
                CaseRows.recompute(h, id, ZoneId.of("Europe/Berlin"));
            }
            return null;
        });
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void pagesKeepFiltersAndOrder() throws Exception {
        try (WebClient browser = TestServer.browser()) {
            new Officer(browser, server).login();
            HtmlPage first = browser.getPage(server.adminUrl("/cases?kind=request"));
            assertTrue(first.asNormalizedText().contains("Page 1 of 3"), first.asNormalizedText());
            assertTrue(first.asNormalizedText().contains("120 cases"), first.asNormalizedText());
            assertEquals(50, CaseworkSteps.references(first).size());

            HtmlPage second = first.getAnchorByText("Next page").click();
            assertEquals("kind=request&page=2", second.getUrl().getQuery());
            assertTrue(second.asNormalizedText().contains("Page 2 of 3"), second.asNormalizedText());

            HtmlPage last = second.getAnchorByText("Last page").click();
            assertEquals("kind=request&page=3", last.getUrl().getQuery());
            assertEquals(20, CaseworkSteps.references(last).size());

            HtmlPage back = last.getAnchorByText("First page").click();
            assertEquals("kind=request", back.getUrl().getQuery());

            List<String> seen = new ArrayList<>();
            seen.addAll(CaseworkSteps.references(first));
            seen.addAll(CaseworkSteps.references(second));
            seen.addAll(CaseworkSteps.references(last));
            List<String> expected = new ArrayList<>();
            for (int i = COPIES; i >= 1; i--) {
                expected.add(reference(i));
            }
            assertEquals(expected, seen);
        }
    }

    @Test
    void pageBeyondLastShowsLast() throws Exception {
        try (WebClient browser = TestServer.browser()) {
            new Officer(browser, server).login();
            HtmlPage page = browser.getPage(server.adminUrl("/cases?page=99"));

            assertTrue(page.asNormalizedText().contains("Page 3 of 3"), page.asNormalizedText());
            assertEquals(21, CaseworkSteps.references(page).size());
        }
    }

    private static String reference(int i) {
        return "PAGE-%03d".formatted(i);
    }
}
