package org.sealbox.challenge;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.sealbox.testing.MutableClock;
import org.sealbox.web.Session;
import org.sealbox.web.SessionStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ChallengeService challenges = new ChallengeService(clock);
    private final SessionStore sessions = new SessionStore(clock, Duration.ofHours(1), Duration.ofHours(8), 10);

    @Test
    void rightAnswerPassesOnce() {
        Session session = sessions.create();
        String digits = challenges.current(session).digits();

        assertTrue(challenges.answer(session, digits));
        assertTrue(challenges.hasPassed(session));
        assertFalse(challenges.answer(session, digits), "the same question cannot be answered twice");
    }

    @Test
    void wrongAnswerConsumesQuestion() {
        Session session = sessions.create();
        String digits = challenges.current(session).digits();

        assertFalse(challenges.answer(session, "x" + digits));
        assertFalse(challenges.answer(session, digits), "the question is gone after a wrong answer");
        assertFalse(challenges.hasPassed(session));
    }

    @Test
    void spacesBetweenDigitsAccepted() {
        Session session = sessions.create();
        String digits = challenges.current(session).digits();

        assertTrue(challenges.answer(session, " " + String.join(" ", digits.split("")) + " "));
    }

    @Test
    void expiredQuestionFails() {
        Session session = sessions.create();
        String digits = challenges.current(session).digits();

        clock.advance(ChallengeService.LIFETIME.plusSeconds(1));

        assertFalse(challenges.answer(session, digits));
    }

    @Test
    void questionBoundToSession() {
        Session one = sessions.create();
        Session two = sessions.create();
        String digitsOfOne = challenges.current(one).digits();
        String digitsOfTwo = challenges.current(two).digits();

        if (!digitsOfOne.equals(digitsOfTwo)) {
            assertFalse(challenges.answer(two, digitsOfOne));
        }
        assertTrue(challenges.answer(one, digitsOfOne));
    }

    @Test
    void renewGivesNewQuestion() {
        Session session = sessions.create();
        Challenge first = challenges.current(session);
        clock.advance(Duration.ofSeconds(1));

        Challenge second = challenges.renew(session);

        assertNotEquals(first.issuedAt(), second.issuedAt());
        assertEquals(ChallengeService.DIGITS, second.digits().length());
    }

    @Test
    void digitWordsAccepted() {
        Session session = sessions.create();
        String digits = challenges.current(session).digits();
        org.sealbox.web.Messages messages = org.sealbox.web.Messages.forLocale(java.util.Locale.ENGLISH);
        ChallengeViews views = new ChallengeViews(challenges, messages);
        StringBuilder words = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            words.append(messages.get("challenge.digit." + digit).toUpperCase(java.util.Locale.ROOT)).append(", ");
        }

        assertEquals(digits, views.digitsFromWords(words + ".").replaceAll("[\\s.,]", ""));
        var form = org.sealbox.web.UrlEncodedForms.decode(("challenge=" + java.net.URLEncoder.encode(words.toString(),
                java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(views.check(session, form).isEmpty(), "the spelled-out answer passes");
    }

    @Test
    void imageIsPng() {
        byte[] png = ChallengeImage.png("48271");

        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(png.length > 500, "the image has content: " + png.length);
    }
}
