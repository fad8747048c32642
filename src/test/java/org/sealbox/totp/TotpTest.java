package org.sealbox.totp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.sealbox.crypto.SecretBytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpTest {

    /** The shared secret of RFC 6238 Appendix B: the 20 ASCII bytes "12345678901234567890". */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** A time inside step 1111111109 / 30 = 37037036 (0x23523EC), RFC 6238 Appendix B. */
    private static final Instant RFC_TIME = Instant.ofEpochSecond(1111111109L);

    /** RFC 6238 Appendix B, SHA-1 rows: Unix time, value of T in hex, 8-digit TOTP. */
    @ParameterizedTest
    @CsvSource({
            "59, 0000000000000001, 94287082",
            "1111111109, 00000000023523EC, 07081804",
            "1111111111, 00000000023523ED, 14050471",
            "1234567890, 000000000273EF07, 89005924",
            "2000000000, 0000000003F940AA, 69279037",
            "20000000000, 0000000027BC86AA, 65353130"
    })
    void rfc6238AppendixBVectors(long unixSeconds, String stepHex, String expected) {
        long step = Totp.timeStep(Instant.ofEpochSecond(unixSeconds));

        assertEquals(Long.parseLong(stepHex, 16), step, "T at " + unixSeconds);
        assertEquals(expected, Totp.code(RFC_SECRET, step, 8), "TOTP at " + unixSeconds);
    }

    /** RFC 4226 truncation takes the code modulo 10^digits, so 6 digits are the last 6 of the vector. */
    @Test
    void sixDigitCodesFromVectors() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());

        assertEquals("287082", Totp.code(secret, 1));
        assertEquals("081804", Totp.code(secret, 0x23523ECL));
        assertEquals("353130", Totp.code(secret, 0x27BC86AAL));
    }

    @Test
    void verifyAcceptsCurrentStep() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());

        OptionalLong matched = Totp.verify(secret, "081804", RFC_TIME, Totp.NO_STEP_USED);

        assertEquals(OptionalLong.of(0x23523ECL), matched);
    }

    @Test
    void verifyAcceptsOneStepEitherSide() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());
        long step = 0x23523ECL;
        String previous = Totp.code(secret, step - 1);
        String next = Totp.code(secret, step + 1);

        assertEquals(OptionalLong.of(step - 1), Totp.verify(secret, previous, RFC_TIME, Totp.NO_STEP_USED));
        assertEquals(OptionalLong.of(step + 1), Totp.verify(secret, next, RFC_TIME, Totp.NO_STEP_USED));
    }

    @Test
    void verifyRejectsTwoStepsAway() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());
        long step = 0x23523ECL;

        assertTrue(Totp.verify(secret, Totp.code(secret, step - 2), RFC_TIME, Totp.NO_STEP_USED).isEmpty());
        assertTrue(Totp.verify(secret, Totp.code(secret, step + 2), RFC_TIME, Totp.NO_STEP_USED).isEmpty());
    }

    @Test
    void verifyRejectsReplay() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());
        long used = Totp.verify(secret, "081804", RFC_TIME, Totp.NO_STEP_USED).orElseThrow();

        assertTrue(Totp.verify(secret, "081804", RFC_TIME, used).isEmpty(), "same code again");
        assertTrue(Totp.verify(secret, "081804", RFC_TIME.plusSeconds(20), used).isEmpty(), "same code, later");
    }

    /** After a code of step s was used, the still-valid code of step s - 1 is no longer accepted. */
    @Test
    void verifyRejectsOlderStep() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());
        long step = 0x23523ECL;

        assertTrue(Totp.verify(secret, Totp.code(secret, step - 1), RFC_TIME, step).isEmpty());
        assertEquals(OptionalLong.of(step + 1),
                Totp.verify(secret, Totp.code(secret, step + 1), RFC_TIME, step));
    }

    @Test
    void verifyIgnoresSpaces() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());

        assertEquals(OptionalLong.of(0x23523ECL), Totp.verify(secret, " 081 804 ", RFC_TIME, Totp.NO_STEP_USED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "81804", "0818040", "08180a", "０８１８０４", "081-804"})
    void verifyRejectsMalformedCodes(String code) {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());

        assertTrue(Totp.verify(secret, code, RFC_TIME, Totp.NO_STEP_USED).isEmpty());
    }

    @Test
    void verifyRejectsNullCode() {
        assertTrue(Totp.verify(SecretBytes.wrap(RFC_SECRET.clone()), null, RFC_TIME, Totp.NO_STEP_USED).isEmpty());
    }

    @Test
    void verifyRejectsWrongSecret() {
        SecretBytes other = SecretBytes.wrap("abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII));

        assertTrue(Totp.verify(other, "081804", RFC_TIME, Totp.NO_STEP_USED).isEmpty());
    }

    @Test
    void newSecretsAreRandom() {
        SecretBytes first = Totp.newSecret();
        SecretBytes second = Totp.newSecret();

        assertEquals(20, first.length());
        assertFalse(first.sameAs(second));
    }

    /** The Base32 of "12345678901234567890", as RFC 4648 section 6 encodes it. */
    @Test
    void secretTextIsBase32() {
        String text = Totp.secretText(SecretBytes.wrap(RFC_SECRET.clone()));

        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", text);
    }

    @Test
    void provisioningUriFormat() {
        String uri = Totp.provisioningUri("Sealbox Example", "anna", SecretBytes.wrap(RFC_SECRET.clone()));

        assertEquals("otpauth://totp/Sealbox%20Example:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Sealbox%20Example&algorithm=SHA1&digits=6&period=30", uri);
    }

    @Test
    void provisioningUriEncodesUtf8() {
        String uri = Totp.provisioningUri("Müller & Co", "anna.b", SecretBytes.wrap(RFC_SECRET.clone()));

        assertTrue(uri.startsWith("otpauth://totp/M%C3%BCller%20%26%20Co:anna.b?"), uri);
        assertTrue(uri.contains("&issuer=M%C3%BCller%20%26%20Co&"), uri);
    }

    @Test
    void provisioningUriRejectsColon() {
        SecretBytes secret = SecretBytes.wrap(RFC_SECRET.clone());

        assertThrows(IllegalArgumentException.class, () -> Totp.provisioningUri("Example:Inc", "anna", secret));
        assertThrows(IllegalArgumentException.class, () -> Totp.provisioningUri("Example", "an:na", secret));
        assertThrows(IllegalArgumentException.class, () -> Totp.provisioningUri(" ", "anna", secret));
    }
}
