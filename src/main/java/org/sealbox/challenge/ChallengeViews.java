package org.sealbox.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sealbox.web.FormData;
import org.sealbox.web.Messages;
import org.sealbox.web.Session;

/** The security question as pages show and check it: the image link, the words, the honeypot. */
public final class ChallengeViews {

    /** Name of the hidden field that people leave empty and form-filling programs do not. */
    public static final String HONEYPOT = "website";
    public static final String ANSWER = "challenge";

    private final ChallengeService challenges;
    private final Messages messages;

    public ChallengeViews(ChallengeService challenges, Messages messages) {
        this.challenges = challenges;
        this.messages = messages;
    }

    public ChallengeService service() {
        return challenges;
    }

    /** The model keys of the {@code _challenge} partial for the session's open question. */
    public Map<String, Object> model(Session session) {
        Challenge challenge = challenges.current(session);
        List<String> words = new ArrayList<>();
        for (char digit : challenge.digits().toCharArray()) {
            words.add(messages.get("challenge.digit." + digit));
        }
        return Map.of(
                "challengeWords", messages.get("challenge.words", String.join(", ", words)),
                "challengeVersion", Long.toString(challenge.issuedAt().toEpochMilli()));
    }

    /**
     * Turns digit words of the page's language into digits ("four, 8 two" becomes "4, 8 2"), so
     * that someone who types or pastes the text alternative is understood too.
     */
    String digitsFromWords(String answer) {
        String text = answer.toLowerCase(messages.locale());
        for (char digit = '0'; digit <= '9'; digit++) {
            String word = messages.get("challenge.digit." + digit).toLowerCase(messages.locale());
            text = text.replaceAll("(?<![\\p{L}])" + java.util.regex.Pattern.quote(word) + "(?![\\p{L}])",
                    String.valueOf(digit));
        }
        return text;
    }

    /**
     * Checks the honeypot and the answer in {@code form}; a failure replaces the question.
     *
     * @return the message to show, or empty when the session passed
     */
    public Optional<String> check(Session session, FormData form) {
        if (!form.first(HONEYPOT).isEmpty()) {
            challenges.renew(session);
            return Optional.of(messages.get("honeypot.error"));
        }
        if (!challenges.answer(session, digitsFromWords(form.first(ANSWER)))) {
            challenges.renew(session);
            return Optional.of(messages.get("challenge.error.wrong"));
        }
        return Optional.empty();
    }
}
