package org.sealbox.officer;

import org.sealbox.crypto.SecretBytes;
import org.sealbox.web.Session;

/**
 * A TOTP secret being enrolled, held in the session between showing the QR code and the
 * confirming code. Closing (when the session ends or the value is replaced) wipes the secret.
 */
final class TotpEnrolment implements AutoCloseable {

    static final Session.Key<TotpEnrolment> KEY = new Session.Key<>("totp-enrolment", TotpEnrolment.class);

    private final String purpose;
    private final SecretBytes secret;
    private volatile String account;

    /**
     * @param purpose the page the enrolment belongs to, such as the activation token's page, so
     *                that another page starts its own enrolment
     * @param account the account name shown in the authenticator app
     */
    TotpEnrolment(String purpose, SecretBytes secret, String account) {
        this.purpose = purpose;
        this.secret = secret;
        this.account = account;
    }

    String purpose() {
        return purpose;
    }

    SecretBytes secret() {
        return secret;
    }

    String account() {
        return account;
    }

    /** Changes the account name of the QR code, e.g. once the first administrator typed a username. */
    void account(String name) {
        this.account = name;
    }

    @Override
    public void close() {
        secret.wipe();
    }

    @Override
    public String toString() {
        return "TotpEnrolment[REDACTED]";
    }
}
