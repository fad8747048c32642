package org.sealbox.officer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.audit.AuditLog;
import org.sealbox.crypto.SecretBytes;
import org.sealbox.totp.QrPng;
import org.sealbox.totp.Totp;
import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;
import org.sealbox.web.SessionCookies;
import org.sealbox.web.SessionStore;
import org.sealbox.web.UrlEncodedForms;

/**
 * The account pages on the admin listener: log-in with password and TOTP code, log-out, the
 * first-run setup, activation of an invitation, the QR code of a TOTP enrolment and the password
 * change. Setup and activation enrol TOTP before the account exists: the secret waits in the
 * session until a code generated from it is typed back.
 */
public final class AccountRoutes implements HttpService {

    private static final System.Logger LOG = System.getLogger(AccountRoutes.class.getName());
    private static final Session.Key<OfficerService.SignedIn> SIGNED_IN = OfficerSessions.SIGNED_IN;
    private static final DateTimeFormatter RETRY_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** Width and height of the enrolment QR code in pixels. */
    private static final int QR_PIXELS = 240;
    /** The account name in the authenticator app while the first administrator has typed no valid username. */
    private static final String SETUP_ACCOUNT = "administrator";

    private final AdminPage page;
    private final Messages messages;
    private final SessionCookies cookies;
    private final OfficerService officers;
    private final FirstRunSetup setup;
    private final Invitations invitations;
    private final CaseAccess access;
    private final AuditLog audit;
    private final Clock clock;
    private final String issuer;

    public AccountRoutes(Pages pages, OfficerSessions sessions, OfficerService officers, FirstRunSetup setup,
                         Invitations invitations, CaseAccess access, AuditLog audit, Clock clock,
                         String organisationName) {
        this.page = new AdminPage(pages);
        this.messages = pages.messages();
        this.cookies = sessions.cookies();
        this.officers = officers;
        this.setup = setup;
        this.invitations = invitations;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.issuer = OfficerService.totpIssuer(organisationName);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::showLogin)
                .post("/login", this::login)
                .post("/logout", this::logout)
                .get("/setup/{token}", this::showSetup)
                .post("/setup/{token}", this::completeSetup)
                .get("/activate/{token}", this::showActivation)
                .post("/activate/{token}", this::activate)
                .get("/enrol/qr.png", this::qrCode)
                .get("/account/password", this::showPasswordChange)
                .post("/account/password", this::changePassword);
    }

    // Log-in and log-out

    private void showLogin(ServerRequest req, ServerResponse res) {
        Session session = cookies.currentOrStart(req, res);
        if (session.get(SIGNED_IN).isPresent()) {
            Redirects.seeOther(res, "/cases");
            return;
        }
        String notice = null;
        if (req.query().contains("created")) {
            notice = messages.get("admin.setup.created");
        } else if (req.query().contains("activated")) {
            notice = messages.get("account.activate.done");
        }
        sendLogin(res, session, Status.OK_200, "", null, notice);
    }

    private void login(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        String username = form.first("username");
        if (!cookies.hasCookie(req)) {
            page.message(res, Status.BAD_REQUEST_400, messages.get("cookies.title"), messages.get("cookies.text"),
                    "/login", messages.get("admin.login.title"));
            return;
        }
        Optional<Session> current = cookies.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")));
        if (current.isEmpty()) {
            // An expired session or a foreign token: nothing happens, the form is shown again.
            Session fresh = cookies.currentOrStart(req, res);
            sendLogin(res, fresh, Status.OK_200, username, messages.get("admin.login.expired"), null);
            return;
        }
        OfficerService.Outcome outcome = officers.login(username, form.first("password"), form.first("code"));
        switch (outcome) {
            case OfficerService.Success success -> signIn(req, res, current.get(), success.officer());
            case OfficerService.Throttled throttled -> sendLogin(res, current.get(), Status.TOO_MANY_REQUESTS_429,
                    username, throttledText(throttled), null);
            default -> sendLogin(res, current.get(), Status.UNAUTHORIZED_401, username,
                    messages.get("account.login.failed"), null);
        }
    }

    private void signIn(ServerRequest req, ServerResponse res, Session before, OfficerService.SignedIn officer) {
        // A new session id at log-in, so an id known before log-in is worth nothing after it.
        cookies.end(req, res, before);
        Session session = cookies.start(req, res);
        session.put(SIGNED_IN, officer);
        audit.record(officer.username(), AuditLog.LOGIN, Optional.empty());
        LOG.log(Level.INFO, "Officer logged in");
        try {
            CaseAccess.PendingGrantRun run = access.runPendingGrants(officer);
            if (run.sealedKeys() > 0) {
                LOG.log(Level.INFO, "Pending grants sealed {0} case keys", run.sealedKeys());
                session.put(OfficerSessions.GRANT_NOTICE, messages.get("access.pending-granted", run.cases(),
                        String.join(", ", run.grantees())));
            }
        } catch (RuntimeException e) {
            // The log-in still succeeds, and the grants run again at the next log-in of an officer who has access to the cases.
            LOG.log(Level.WARNING, "Pending grants failed: " + e.getClass().getName());
        }
        Redirects.seeOther(res, "/cases");
    }

    private void logout(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        cookies.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")))
                .ifPresent(session -> {
                    session.get(SIGNED_IN).ifPresent(officer -> audit.record(officer.username(), AuditLog.LOGOUT, Optional.empty()));
                    cookies.end(req, res, session);
                });
        Redirects.seeOther(res, "/login");
    }

    private void sendLogin(ServerResponse res, Session session, Status status, String username, String error,
                           String notice) {
        Map<String, Object> model = page.model(session, messages.get("admin.login.title"));
        model.put("username", username);
        model.put("notice", notice);
        AdminPage.errors(model, error == null ? List.of() : List.of(error));
        page.pages().send(res, status, "admin-login", model);
    }

    // First-run setup

    private void showSetup(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        if (!setup.matches(token) || officers.hasOfficers()) {
            sendSetupInvalid(res);
            return;
        }
        Session session = cookies.currentOrStart(req, res);
        TotpEnrolment enrolment = enrolment(session, "setup/" + token, SETUP_ACCOUNT);
        sendSetup(res, session, Status.OK_200, token, "", enrolment, List.of());
    }

    private void completeSetup(ServerRequest req, ServerResponse res) throws IOException {
        String token = req.path().pathParameters().get("token");
        FormData form = UrlEncodedForms.read(req);
        if (!setup.matches(token) || officers.hasOfficers()) {
            sendSetupInvalid(res);
            return;
        }
        Optional<Session> current = cookies.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")));
        if (current.isEmpty()) {
            page.forbidden(res, "/setup/" + token);
            return;
        }
        Session session = current.get();
        String username = form.first("username");
        String purpose = "setup/" + token;
        Optional<TotpEnrolment> enrolment = session.get(TotpEnrolment.KEY).filter(found -> found.purpose().equals(purpose));
        if (enrolment.isEmpty()) {
            sendSetup(res, session, Status.UNPROCESSABLE_CONTENT_422, token, username,
                    enrolment(session, purpose, SETUP_ACCOUNT), List.of(messages.get("account.totp.restarted")));
            return;
        }
        OfficerService.normaliseUsername(username).ifPresent(enrolment.get()::account);

        String password = form.first("password");
        List<String> errors = new ArrayList<>();
        if (OfficerService.normaliseUsername(username).isEmpty()) {
            errors.add(messages.get("officer.error.username-invalid"));
        }
        errors.addAll(passwordErrors(password, form.first("password-confirm")));
        OptionalLong step = OptionalLong.empty();
        if (errors.isEmpty()) {
            step = Totp.verify(enrolment.get().secret(), form.first("code"), clock.instant(), Totp.NO_STEP_USED);
            if (step.isEmpty()) {
                errors.add(messages.get("account.totp.wrong-code"));
            }
        }
        if (!errors.isEmpty()) {
            errors.add(messages.get("account.password-again"));
            sendSetup(res, session, Status.UNPROCESSABLE_CONTENT_422, token, username, enrolment.get(), errors);
            return;
        }
        if (!setup.consume(token)) {
            sendSetupInvalid(res);
            return;
        }
        try {
            officers.create(username, password, Role.ADMINISTRATOR, enrolment.get().secret(), step.getAsLong(),
                    (h, officerId, name) -> audit.record(h, name, AuditLog.OFFICER_ACTIVATE, Optional.empty(),
                            Optional.of(name)));
        } catch (OfficerService.InvalidAccountException e) {
            setup.restore(token);
            sendSetup(res, session, Status.UNPROCESSABLE_CONTENT_422, token, username, enrolment.get(),
                    List.of(messages.get(e.messageKey()), messages.get("account.password-again")));
            return;
        }
        session.remove(TotpEnrolment.KEY);
        LOG.log(Level.INFO, "First officer created through the setup link");
        Redirects.seeOther(res, "/login?created");
    }

    private void sendSetup(ServerResponse res, Session session, Status status, String token, String username,
                           TotpEnrolment enrolment, List<String> errors) {
        Map<String, Object> model = page.model(session, messages.get("admin.setup.title"));
        model.put("token", token);
        model.put("username", username);
        model.put("passwordHint", messages.get("admin.setup.password-hint", OfficerService.MIN_PASSWORD_CHARS));
        model.put("totpSecret", Totp.secretText(enrolment.secret()));
        AdminPage.errors(model, errors);
        page.pages().send(res, status, "admin-setup", model);
    }

    private void sendSetupInvalid(ServerResponse res) {
        page.message(res, Status.NOT_FOUND_404, messages.get("admin.setup.title"), messages.get("admin.setup.invalid"),
                "/login", messages.get("admin.login.title"));
    }

    // Activation of an invitation

    private void showActivation(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        Optional<Invitations.Invitation> invitation = invitations.find(token);
        if (invitation.isEmpty()) {
            sendActivationInvalid(res);
            return;
        }
        Session session = cookies.currentOrStart(req, res);
        TotpEnrolment enrolment = enrolment(session, "activate/" + token, invitation.get().username());
        sendActivation(res, session, Status.OK_200, token, invitation.get(), enrolment, List.of());
    }

    private void activate(ServerRequest req, ServerResponse res) throws IOException {
        String token = req.path().pathParameters().get("token");
        FormData form = UrlEncodedForms.read(req);
        // Validity first, so that an expired link gets the "not valid" page even after the session ended.
        Optional<Invitations.Invitation> invitation = invitations.find(token);
        if (invitation.isEmpty()) {
            sendActivationInvalid(res);
            return;
        }
        Optional<Session> current = cookies.current(req)
                .filter(session -> SessionStore.csrfMatches(session, form.first("csrf")));
        if (current.isEmpty()) {
            page.forbidden(res, "/activate/" + token);
            return;
        }
        Session session = current.get();
        String purpose = "activate/" + token;
        Optional<TotpEnrolment> enrolment = session.get(TotpEnrolment.KEY).filter(found -> found.purpose().equals(purpose));
        if (enrolment.isEmpty()) {
            sendActivation(res, session, Status.UNPROCESSABLE_CONTENT_422, token, invitation.get(),
                    enrolment(session, purpose, invitation.get().username()),
                    List.of(messages.get("account.totp.restarted")));
            return;
        }

        String password = form.first("password");
        List<String> errors = new ArrayList<>(passwordErrors(password, form.first("password-confirm")));
        OptionalLong step = OptionalLong.empty();
        if (errors.isEmpty()) {
            step = Totp.verify(enrolment.get().secret(), form.first("code"), clock.instant(), Totp.NO_STEP_USED);
            if (step.isEmpty()) {
                errors.add(messages.get("account.totp.wrong-code"));
            }
        }
        if (!errors.isEmpty()) {
            errors.add(messages.get("account.password-again"));
            sendActivation(res, session, Status.UNPROCESSABLE_CONTENT_422, token, invitation.get(), enrolment.get(),
                    errors);
            return;
        }
        Invitations.Invitation invited = invitation.get();
        long now = clock.instant().getEpochSecond();
        try {
            officers.create(invited.username(), password, invited.role(), enrolment.get().secret(), step.getAsLong(),
                    (h, officerId, name) -> {
                        invitations.use(h, invited.id());
                        CaseAccess.addPendingGrant(h, officerId, now);
                        audit.record(h, name, AuditLog.OFFICER_ACTIVATE, Optional.empty(), Optional.of(name));
                    });
        } catch (OfficerService.InvalidAccountException e) {
            if (e.messageKey().equals("account.activate.invalid")) {
                sendActivationInvalid(res);
                return;
            }
            sendActivation(res, session, Status.UNPROCESSABLE_CONTENT_422, token, invited, enrolment.get(),
                    List.of(messages.get(e.messageKey()), messages.get("account.password-again")));
            return;
        }
        session.remove(TotpEnrolment.KEY);
        LOG.log(Level.INFO, "Officer account activated");
        Redirects.seeOther(res, "/login?activated");
    }

    private void sendActivation(ServerResponse res, Session session, Status status, String token,
                                Invitations.Invitation invitation, TotpEnrolment enrolment, List<String> errors) {
        Map<String, Object> model = page.model(session, messages.get("account.activate.title"));
        model.put("token", token);
        model.put("intro", messages.get("account.activate.intro", invitation.username(),
                messages.get("account.role." + invitation.role().id())));
        model.put("passwordHint", messages.get("admin.setup.password-hint", OfficerService.MIN_PASSWORD_CHARS));
        model.put("totpSecret", Totp.secretText(enrolment.secret()));
        AdminPage.errors(model, errors);
        page.pages().send(res, status, "admin-activate", model);
    }

    private void sendActivationInvalid(ServerResponse res) {
        page.message(res, Status.NOT_FOUND_404, messages.get("account.activate.title"),
                messages.get("account.activate.invalid"), "/login", messages.get("admin.login.title"));
    }

    // TOTP enrolment

    /** Returns the session's enrolment for {@code purpose}, or starts one with a new secret. */
    private static TotpEnrolment enrolment(Session session, String purpose, String account) {
        Optional<TotpEnrolment> existing = session.get(TotpEnrolment.KEY).filter(found -> found.purpose().equals(purpose));
        if (existing.isPresent()) {
            return existing.get();
        }
        TotpEnrolment fresh = new TotpEnrolment(purpose, Totp.newSecret(), account);
        session.put(TotpEnrolment.KEY, fresh);
        return fresh;
    }

    /** Sends the QR code of the session's enrolment: the otpauth URI with the secret, as a PNG. */
    private void qrCode(ServerRequest req, ServerResponse res) {
        Optional<TotpEnrolment> enrolment = cookies.current(req).flatMap(session -> session.get(TotpEnrolment.KEY));
        if (enrolment.isEmpty()) {
            page.notFound(res);
            return;
        }
        SecretBytes secret = enrolment.get().secret();
        byte[] png = QrPng.render(Totp.provisioningUri(issuer, enrolment.get().account(), secret), QR_PIXELS);
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "image/png"));
        res.headers().set(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
        res.send(png);
    }

    // Password change

    private void showPasswordChange(ServerRequest req, ServerResponse res) {
        Optional<Session> session = cookies.current(req).filter(found -> found.get(SIGNED_IN).isPresent());
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        sendPasswordChange(res, session.get(), Status.OK_200,
                req.query().contains("changed") ? messages.get("account.password.changed") : null, List.of());
    }

    private void changePassword(ServerRequest req, ServerResponse res) throws IOException {
        FormData form = UrlEncodedForms.read(req);
        Optional<Session> session = cookies.current(req)
                .filter(found -> found.get(SIGNED_IN).isPresent())
                .filter(found -> SessionStore.csrfMatches(found, form.first("csrf")));
        if (session.isEmpty()) {
            page.forbidden(res, "/account/password");
            return;
        }
        OfficerService.SignedIn officer = session.get().get(SIGNED_IN).orElseThrow();
        String newPassword = form.first("password");
        List<String> errors = passwordErrors(newPassword, form.first("password-confirm"));
        if (!errors.isEmpty()) {
            sendPasswordChange(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, null, errors);
            return;
        }
        OfficerService.Outcome outcome;
        try {
            outcome = officers.changePassword(officer.id(), form.first("current-password"), form.first("code"),
                    newPassword);
        } catch (OfficerService.InvalidAccountException e) {
            sendPasswordChange(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, null,
                    List.of(messages.get(e.messageKey())));
            return;
        }
        switch (outcome) {
            case OfficerService.Changed changed -> {
                audit.record(officer.username(), AuditLog.OFFICER_PASSWORD, Optional.empty());
                Redirects.seeOther(res, "/account/password?changed");
            }
            case OfficerService.Throttled throttled -> sendPasswordChange(res, session.get(),
                    Status.TOO_MANY_REQUESTS_429, null, List.of(throttledText(throttled)));
            default -> sendPasswordChange(res, session.get(), Status.UNPROCESSABLE_CONTENT_422, null,
                    List.of(messages.get("account.password.wrong")));
        }
    }

    private void sendPasswordChange(ServerResponse res, Session session, Status status, String notice,
                                    List<String> errors) {
        Map<String, Object> model = page.model(session, messages.get("account.password.title"));
        model.put("notice", notice);
        model.put("passwordHint", messages.get("admin.setup.password-hint", OfficerService.MIN_PASSWORD_CHARS));
        AdminPage.errors(model, errors);
        page.pages().send(res, status, "admin-password", model);
    }

    /** Returns the page texts of what is wrong with a new password and its confirmation, or an empty list. */
    private List<String> passwordErrors(String password, String confirmation) {
        List<String> errors = new ArrayList<>();
        if (!password.equals(confirmation)) {
            errors.add(messages.get("admin.setup.mismatch"));
        }
        try {
            OfficerService.checkPassword(password);
        } catch (OfficerService.InvalidAccountException e) {
            errors.add(messages.get(e.messageKey()));
        }
        return errors;
    }

    private String throttledText(OfficerService.Throttled throttled) {
        return messages.get("account.login.throttled",
                RETRY_TIME.format(throttled.retryAt().plusSeconds(59).truncatedTo(ChronoUnit.MINUTES)));
    }
}
