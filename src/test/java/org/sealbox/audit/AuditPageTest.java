package org.sealbox.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sealbox.officer.Role;
import org.sealbox.testing.Officer;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The administrator's audit page against a real server and a real SQLite file. */
class AuditPageTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private WebClient browser;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startWithOfficer(dataDir);
        browser = TestServer.browser();
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    private String sendReport() throws Exception {
        try (WebClient reporter = TestServer.browser()) {
            HtmlPage form = Reporter.chooseKind(new Reporter(reporter, server).startReport(), "request");
            Reporter.fill(form, Map.of(
                    "right", List.of("erasure"),
                    "contact-name", List.of("Audit Canary Name"),
                    "contact-address", List.of("someone@example.org"),
                    "identification", List.of("Customer 17")), "Please delete my account.", null);
            return Reporter.reference(Reporter.send(Reporter.review(form)));
        }
    }

    private HtmlPage verify(HtmlPage auditPage) throws Exception {
        for (HtmlForm form : auditPage.getForms()) {
            if (form.getActionAttribute().equals("/audit/verify")) {
                return Reporter.submit(form, null);
            }
        }
        throw new AssertionError("no verify form");
    }

    @Test
    void actionsRecordedWithoutContent() throws Exception {
        String reference = sendReport();
        Officer officer = new Officer(browser, server);
        HtmlPage casePage = officer.openCase(officer.login(), reference);
        Officer.reply(casePage, "Audit canary reply text");

        HtmlPage audit = browser.getPage(server.adminUrl("/audit"));
        String text = audit.asNormalizedText();

        assertEquals(200, audit.getWebResponse().getStatusCode());
        assertTrue(text.contains("login"), text);
        assertTrue(text.contains("case.view"), text);
        assertTrue(text.contains("case.reply"), text);
        assertTrue(text.contains(TestServer.OFFICER), text);
        assertFalse(text.contains("Audit canary"), "no case content in the audit log");
        assertFalse(text.contains(reference), "the log names case ids, not reference numbers");
        int rows = server.app().database().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_entry WHERE officer LIKE '%canary%' OR action LIKE '%canary%'")
                .mapTo(Integer.class).one());
        assertEquals(0, rows);
    }

    @Test
    void intactChainVerified() throws Exception {
        sendReport();
        new Officer(browser, server).login();

        HtmlPage result = verify(browser.getPage(server.adminUrl("/audit")));

        assertEquals(200, result.getWebResponse().getStatusCode());
        assertTrue(result.asNormalizedText().contains("The chain is intact up to entry"), result.asNormalizedText());
    }

    @Test
    void editedRowDetected() throws Exception {
        String reference = sendReport();
        Officer officer = new Officer(browser, server);
        officer.openCase(officer.login(), reference);
        server.app().database().write(h -> h.execute("UPDATE audit_entry SET action = 'case.reply' WHERE sequence = 2"));

        HtmlPage result = verify(browser.getPage(server.adminUrl("/audit")));

        assertEquals(409, result.getWebResponse().getStatusCode());
        assertTrue(result.asNormalizedText().contains("The chain is broken at entry 2"), result.asNormalizedText());
    }

    @Test
    void subjectAndLabelShown() throws Exception {
        server.createOfficer("oscar", "another long passphrase", Role.OFFICER);
        new Officer(browser, server).login();
        HtmlPage officers = browser.getPage(server.adminUrl("/officers"));
        HtmlForm deactivate = officers.getForms().stream()
                .filter(form -> form.getActionAttribute().endsWith("/deactivate"))
                .findFirst().orElseThrow();
        deactivate.getInputByName("confirm").setChecked(true);
        Reporter.submit(deactivate, null);

        HtmlPage audit = browser.getPage(server.adminUrl("/audit"));
        String row = audit.getBody().getElementsByTagName("tr").stream()
                .map(element -> element.asNormalizedText())
                .filter(text -> text.contains("officer.deactivate"))
                .findFirst().orElseThrow(() -> new AssertionError(audit.asNormalizedText()));

        assertTrue(audit.asNormalizedText().contains("Affects"), "no Affects column");
        assertTrue(row.contains("Deactivated an officer"), row);
        assertTrue(row.contains("oscar"), row);
        assertTrue(row.contains(TestServer.OFFICER), "the acting officer is missing: " + row);
    }

    @Test
    void editedSubjectDetected() throws Exception {
        server.createOfficer("oscar", "another long passphrase", Role.OFFICER);
        new Officer(browser, server).login();
        HtmlPage officers = browser.getPage(server.adminUrl("/officers"));
        HtmlForm deactivate = officers.getForms().stream()
                .filter(form -> form.getActionAttribute().endsWith("/deactivate"))
                .findFirst().orElseThrow();
        deactivate.getInputByName("confirm").setChecked(true);
        Reporter.submit(deactivate, null);
        long sequence = server.app().database().read(h -> h.createQuery(
                "SELECT sequence FROM audit_entry WHERE action = 'officer.deactivate'").mapTo(Long.class).one());
        server.app().database().write(h -> h.execute("UPDATE audit_entry SET subject = 'someone-else' WHERE sequence = ?",
                sequence));

        HtmlPage result = verify(browser.getPage(server.adminUrl("/audit")));

        assertEquals(409, result.getWebResponse().getStatusCode());
        assertTrue(result.asNormalizedText().contains("The chain is broken at entry " + sequence),
                result.asNormalizedText());
    }

    @Test
    void deletedRowDetected() throws Exception {
        String reference = sendReport();
        Officer officer = new Officer(browser, server);
        Officer.reply(officer.openCase(officer.login(), reference), "first");
        server.app().database().write(h -> h.execute("DELETE FROM audit_entry WHERE sequence = 2"));

        HtmlPage result = verify(browser.getPage(server.adminUrl("/audit")));

        assertEquals(409, result.getWebResponse().getStatusCode());
        assertTrue(result.asNormalizedText().contains("broken at entry 2"), result.asNormalizedText());
    }

    @Test
    void officersCannotSeeLog() throws Exception {
        server.createOfficer("oscar", "another long passphrase", Role.OFFICER);
        Officer officer = new Officer(browser, server);
        officer.login("oscar", "another long passphrase");

        HtmlPage page = browser.getPage(server.adminUrl("/audit"));

        assertEquals(403, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("Only administrators"));
    }

    @Test
    void verifyWithoutCsrfRefused() throws Exception {
        new Officer(browser, server).login();
        long before = server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry").mapTo(Long.class).one());

        var request = new org.htmlunit.WebRequest(new java.net.URI(server.adminUrl("/audit/verify")).toURL(),
                org.htmlunit.HttpMethod.POST);
        request.setRequestBody("csrf=wrong");
        HtmlPage page = browser.getPage(request);

        assertEquals(403, page.getWebResponse().getStatusCode());
        long after = server.app().database().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry").mapTo(Long.class).one());
        assertEquals(before, after, "a refused check records nothing");
    }

    @Test
    void auditAbsentOnPublicListener() throws Exception {
        var page = browser.getPage(server.publicUrl("/audit"));

        assertEquals(404, page.getWebResponse().getStatusCode());
    }
}
