package org.sealbox.casework;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.testing.MutableClock;
import org.sealbox.testing.Officer;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.SampleReports;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The case list's default order, urgency marking, dashboard and filters, over a few known cases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseListTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    static Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
    private TestServer server;
    private String real;
    private WebClient browser;

    @BeforeAll
    void createCases() throws Exception {
        server = TestServer.startWithOfficer(dataDir, Map.of(), clock);
        real = CaseworkSteps.send(server, "breach");
        long source = SampleReports.caseId(server, real);
        long me = CaseRows.officerId(server.app().database(), TestServer.OFFICER);
        Instant now = clock.instant();
        server.app().database().write(h -> {
            long overdue = CaseRows.copy(h, source, "LIST-OVERDUE", "breach", now.minus(Duration.ofDays(10)), "in-review");
            CaseRows.set(h, overdue, "assignee_id", me);
            CaseRows.recompute(h, overdue, BERLIN);
            long soon = CaseRows.copy(h, source, "LIST-SOON", "breach", now.minus(Duration.ofHours(60)), "new");
            CaseRows.set(h, soon, "acknowledged_at", now.getEpochSecond());
            CaseRows.recompute(h, soon, BERLIN);
            long open = CaseRows.copy(h, source, "LIST-OPEN", "request", now.minus(Duration.ofHours(5)), "acknowledged");
            CaseRows.set(h, open, "acknowledged_at", now.getEpochSecond());
            CaseRows.recompute(h, open, BERLIN);
            long closed = CaseRows.copy(h, source, "LIST-CLOSED", "request", now.minus(Duration.ofDays(20)), "closed");
            CaseRows.set(h, closed, "closed_at", now.getEpochSecond());
            CaseRows.recompute(h, closed, BERLIN);
            return null;
        });
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = TestServer.browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void defaultOrderNearestDeadlineFirst() throws Exception {
        HtmlPage list = new Officer(browser, server).login();

        assertEquals(List.of("LIST-OVERDUE", "LIST-SOON", real, "LIST-OPEN", "LIST-CLOSED"), CaseworkSteps.references(list));
    }

    @Test
    void urgentRowsMarkedWithClassAndText() throws Exception {
        HtmlPage list = new Officer(browser, server).login();

        HtmlElement overdue = CaseworkSteps.rowElement(list, "LIST-OVERDUE");
        assertTrue(overdue.getAttribute("class").contains("overdue"), overdue.getAttribute("class"));
        assertTrue(overdue.asNormalizedText().contains("OVERDUE") || overdue.asNormalizedText().contains("Overdue"),
                overdue.asNormalizedText());
        assertTrue(overdue.asNormalizedText().contains("overdue by 7 d"), overdue.asNormalizedText());
        HtmlElement soon = CaseworkSteps.rowElement(list, "LIST-SOON");
        assertTrue(soon.getAttribute("class").contains("due-soon"), soon.getAttribute("class"));
        assertTrue(soon.asNormalizedText().contains("Due within 24 hours"), soon.asNormalizedText());
        assertTrue(soon.asNormalizedText().contains("2025-06-02 22:00 (Europe/Berlin)"), soon.asNormalizedText());
        assertTrue(soon.asNormalizedText().matches("(?s).*1[12] h [0-9]+ min left.*"), soon.asNormalizedText());
        HtmlElement open = CaseworkSteps.rowElement(list, "LIST-OPEN");
        assertFalse(open.getAttribute("class").contains("overdue"), open.getAttribute("class"));
        assertFalse(open.getAttribute("class").contains("due-soon"), open.getAttribute("class"));
        assertFalse(open.asNormalizedText().contains("Due within 24 hours"), open.asNormalizedText());
    }

    @Test
    void dashboardCounts() throws Exception {
        HtmlPage list = new Officer(browser, server).login();

        assertEquals("1 overdue", list.getElementById("dashboard-overdue").asNormalizedText());
        assertEquals("1 due within 24 hours", list.getElementById("dashboard-due-soon").asNormalizedText());
        assertEquals("2 new", list.getElementById("dashboard-new").asNormalizedText());
        assertEquals("3 unassigned and open", list.getElementById("dashboard-unassigned").asNormalizedText());
    }

    @Test
    void filterFormKindAndOverdue() throws Exception {
        HtmlPage list = new Officer(browser, server).login();
        HtmlForm filters = CaseworkSteps.form(list, "/cases");
        HtmlSelect kind = filters.getSelectByName("kind");
        kind.setSelectedAttribute("breach", true);

        HtmlPage breaches = Reporter.submit(filters, null);
        assertEquals(List.of("LIST-OVERDUE", "LIST-SOON", real), CaseworkSteps.references(breaches));

        HtmlForm again = CaseworkSteps.form(breaches, "/cases");
        ((HtmlCheckBoxInput) again.getInputByName("overdue")).setChecked(true);
        HtmlPage overdue = Reporter.submit(again, null);
        assertEquals(List.of("LIST-OVERDUE"), CaseworkSteps.references(overdue));
        assertTrue(overdue.getUrl().getQuery().contains("kind=breach"), overdue.getUrl().toString());
    }

    @Test
    void filtersStatusAndAssignee() throws Exception {
        new Officer(browser, server).login();

        assertEquals(List.of("LIST-SOON", real), references("/cases?status=new"));
        assertEquals(List.of("LIST-CLOSED"), references("/cases?status=closed"));
        assertEquals(List.of("LIST-OVERDUE"), references("/cases?assignee=me"));
        assertEquals(List.of("LIST-SOON", real, "LIST-OPEN", "LIST-CLOSED"), references("/cases?assignee=none"));
        assertEquals(List.of("LIST-OVERDUE"), references("/cases?overdue=1"));
        assertEquals(List.of("LIST-OPEN", "LIST-CLOSED"), references("/cases?kind=request"));
    }

    @Test
    void sortNewestAndOldest() throws Exception {
        new Officer(browser, server).login();

        assertEquals(List.of(real, "LIST-OPEN", "LIST-SOON", "LIST-OVERDUE", "LIST-CLOSED"),
                references("/cases?sort=received"));
        assertEquals(List.of("LIST-CLOSED", "LIST-OVERDUE", "LIST-SOON", "LIST-OPEN", real),
                references("/cases?sort=oldest"));
    }

    @Test
    void invalidFilterValuesIgnored() throws Exception {
        new Officer(browser, server).login();

        HtmlPage page = browser.getPage(server.adminUrl("/cases?kind=x&status=%27&assignee=zz&page=-3&sort=y"));

        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals(5, CaseworkSteps.references(page).size(), page.asNormalizedText());
    }

    private List<String> references(String path) throws Exception {
        HtmlPage page = browser.getPage(server.adminUrl(path));
        assertEquals(200, page.getWebResponse().getStatusCode(), path);
        return CaseworkSteps.references(page);
    }
}
