package org.sealbox.officer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.onion.Base32;
import org.sealbox.testing.RawHttp;
import org.sealbox.testing.Reporter;
import org.sealbox.testing.TestServer;
import org.sealbox.totp.Totp;

/** Steps of the account tests: invitations, activation and reading the database. */
final class AccountSteps {

    private AccountSteps() {
    }

    /**
     * Creates an invitation on the Officers page with a browser in which an administrator is
     * logged in, and returns the activation link shown once.
     */
    static String invite(WebClient adminBrowser, TestServer server, String username, String role) throws IOException {
        HtmlPage officers = adminBrowser.getPage(server.adminUrl("/officers"));
        HtmlForm form = Reporter.formWith(officers, "username");
        form.getInputByName("username").setValue(username);
        HtmlSelect roles = form.getSelectByName("role");
        roles.setSelectedAttribute(role, true);
        HtmlPage after = Reporter.submit(form, null);
        if (after.getElementById("activation-link") == null) {
            throw new AssertionError("no activation link shown:\n" + after.asNormalizedText());
        }
        return after.getElementById("activation-link").asNormalizedText();
    }

    /** Returns the TOTP key that an enrolment page shows for typing in by hand. */
    static String secretText(HtmlPage enrolmentPage) {
        return enrolmentPage.getElementById("totp-secret").asNormalizedText();
    }

    /** Returns the code of the current time step of the server's clock for a Base32 key. */
    static String code(TestServer server, String secretText) {
        try (SecretBytes secret = SecretBytes.wrap(Base32.decode(secretText))) {
            return Totp.code(secret, Totp.timeStep(server.clock().instant()));
        }
    }

    /** Fills in and sends the activation form. */
    static HtmlPage activate(HtmlPage activation, String password, String confirm, String code) throws IOException {
        HtmlForm form = Reporter.formWith(activation, "password-confirm");
        form.getInputByName("password").setValue(password);
        form.getInputByName("password-confirm").setValue(confirm);
        form.getInputByName("code").setValue(code);
        return Reporter.submit(form, null);
    }

    /** Returns the CSRF token of a signed-in session, read from a page of it. */
    static String csrf(TestServer server, String cookie) throws IOException {
        return RawHttp.get(server.app().adminPort(), "/account/password", Map.of("Cookie", cookie)).csrf();
    }

    static long officerId(TestServer server, String username) {
        return server.app().database().read(h -> h.createQuery("SELECT id FROM officer WHERE username = :username")
                .bind("username", username)
                .mapTo(Long.class)
                .one());
    }

    static int count(TestServer server, String sql, Object... values) {
        return server.app().database().read(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < values.length; i++) {
                query.bind(i, values[i]);
            }
            return query.mapTo(Integer.class).one();
        });
    }

    /** Returns how many case keys the officer holds. */
    static int caseKeys(TestServer server, String username) {
        return count(server, "SELECT COUNT(*) FROM case_key k JOIN officer o ON o.id = k.officer_id WHERE o.username = ?",
                username);
    }

    /** Returns the subjects of the audit entries with this action, in log order; an entry without one gives "". */
    static List<String> auditSubjects(TestServer server, String action) {
        return server.app().database().read(h -> h.createQuery(
                        "SELECT COALESCE(subject, '') FROM audit_entry WHERE action = ? ORDER BY sequence")
                .bind(0, action)
                .mapTo(String.class)
                .list());
    }

    /** Returns how many audit entries have this action. */
    static int audited(TestServer server, String action) {
        return count(server, "SELECT COUNT(*) FROM audit_entry WHERE action = ?", action);
    }
}
