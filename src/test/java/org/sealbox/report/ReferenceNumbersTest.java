package org.sealbox.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference numbers have the documented form, come from the whole alphabet without a visible
 * order, and are read back from what a person types.
 */
class ReferenceNumbersTest {

    private static final String ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
    private static final String FORMAT = "[" + ALPHABET + "]{4}(-[" + ALPHABET + "]{4}){3}";
    private static final int COUNT = 10_000;

    private static List<String> generated;

    @BeforeAll
    static void generate() {
        generated = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            generated.add(ReferenceNumbers.generate());
        }
    }

    @Test
    void alphabetMatchesDocumentation() {
        assertEquals(ALPHABET, ReferenceNumbers.ALPHABET);
    }

    @Test
    void everyNumberHasFourGroups() {
        for (String reference : generated) {
            assertTrue(reference.matches(FORMAT), reference);
        }
    }

    @Test
    void generatedNumbersAreDistinct() {
        assertEquals(COUNT, new HashSet<>(generated).size());
    }

    @Test
    void everyCharacterAppearsAtEveryPosition() {
        for (int position = 0; position < 19; position++) {
            if (position % 5 == 4) {
                continue;
            }
            Set<Character> seen = new HashSet<>();
            for (String reference : generated) {
                seen.add(reference.charAt(position));
            }
            assertEquals(ALPHABET.length(), seen.size(), "characters seen at position " + position + ": " + seen);
        }
    }

    /**
     * Each character is drawn uniformly, so over 160,000 characters each of the 25 appears about
     * 6,400 times. A quarter off that is about 20 standard deviations: only a biased source gets there.
     */
    @Test
    void charactersAreRoughlyUniform() {
        Map<Character, Integer> counts = new HashMap<>();
        for (String reference : generated) {
            for (char c : reference.replace("-", "").toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        double expected = COUNT * 16.0 / ALPHABET.length();

        for (char c : ALPHABET.toCharArray()) {
            int count = counts.getOrDefault(c, 0);
            assertTrue(Math.abs(count - expected) < expected / 4, c + " appeared " + count + " times");
        }
    }

    /**
     * Two random numbers share their first two groups with probability 25^-8, so even one such
     * consecutive pair in 10,000 would show a counter or a clock behind the numbers.
     */
    @Test
    void consecutiveNumbersShareNoPrefix() {
        int sharedFirstGroup = 0;
        for (int i = 1; i < generated.size(); i++) {
            String previous = generated.get(i - 1);
            String current = generated.get(i);
            assertNotEquals(previous.substring(0, 9), current.substring(0, 9),
                    "consecutive numbers " + previous + " and " + current + " share two groups");
            if (previous.substring(0, 4).equals(current.substring(0, 4))) {
                sharedFirstGroup++;
            }
        }

        assertTrue(sharedFirstGroup < 3, sharedFirstGroup + " consecutive pairs share the first group");
    }

    @Test
    void lastCharacterIsNotCounter() {
        int steps = 0;
        for (int i = 1; i < generated.size(); i++) {
            String previous = generated.get(i - 1).substring(15);
            String current = generated.get(i).substring(15);
            if (ALPHABET.indexOf(current.charAt(3)) == (ALPHABET.indexOf(previous.charAt(3)) + 1) % ALPHABET.length()) {
                steps++;
            }
        }

        // A random last character is the successor of the previous one in about 1 of 25 pairs.
        assertTrue(steps < COUNT / 10, steps + " consecutive pairs step the last character by one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k7mr-4qxc-9tfa-3hwd", "K7MR 4QXC 9TFA 3HWD", "k7mr4qxc9tfa3hwd", " K7MR-4QXC-9TFA-3HWD ",
            "K7MR - 4QXC - 9TFA - 3HWD"})
    void normaliseAcceptsTypedForms(String typed) {
        assertEquals(Optional.of("K7MR-4QXC-9TFA-3HWD"), ReferenceNumbers.normalise(typed));
    }

    @Test
    void normaliseKeepsGeneratedNumbers() {
        for (String reference : generated.subList(0, 100)) {
            assertEquals(Optional.of(reference), ReferenceNumbers.normalise(reference.toLowerCase()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"K7MR-4QXC-9TFA-2HWD", "K7MR-4QXC-9TFA-0HWD", "K7MR-4QXC-9TFA-OHWD", "K7MR-4QXC-9TFA-1HWD",
            "K7MR-4QXC-9TFA-IHWD", "K7MR-4QXC-9TFA-LHWD", "K7MR-4QXC-9TFA-5HWD", "K7MR-4QXC-9TFA-SHWD",
            "K7MR-4QXC-9TFA-8HWD", "K7MR-4QXC-9TFA-BHWD", "K7MR-4QXC-9TFA-ZHWD", "K7MR_4QXC_9TFA_3HWD",
            "K7MR-4QXC-9TFA-3HW", "K7MR-4QXC-9TFA-3HWDX", "K7MR-4QXC-9TFA-3HWD;", "K7MR-4QXC-9TFA-3HWÄ",
            "<K7MR-4QXC-9TFA-3HWD>", "", "    "})
    void normaliseRejectsBadInput(String typed) {
        assertEquals(Optional.empty(), ReferenceNumbers.normalise(typed));
    }

    @Test
    void normaliseRejectsNull() {
        assertEquals(Optional.empty(), ReferenceNumbers.normalise(null));
    }
}
