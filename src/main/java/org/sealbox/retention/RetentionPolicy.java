package org.sealbox.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.config.Config;

import org.sealbox.config.ConfigException;
import org.sealbox.report.ReportKind;

/**
 * How long cases are kept, from {@code sealbox.retention} in application.yaml: a list of rules,
 * each naming a kind ({@code breach}, {@code request} or {@code any}), a status (a status name or
 * {@code any}) and a number of days.
 *
 * <p>The most specific matching rule decides: one that names both kind and status beats one with a
 * single {@code any}, which beats {@code any}/{@code any}. Two rules for the same kind and status
 * are rejected, so exactly one rule decides. A case that no rule matches is kept.
 *
 * <p>Retention runs from a case's {@code received_hour}, the hour in which it arrived (rounded
 * down), because that is the only time stored for a case. So a case may go up to an hour before
 * {@code days} full days have passed since the exact moment it arrived.
 */
public final class RetentionPolicy {

    /** Matches every kind or every status in a rule. */
    public static final String ANY = "any";
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final List<Rule> rules;

    /**
     * One retention rule.
     *
     * @param kind   a {@link ReportKind} id, or {@link #ANY}
     * @param status a case status, or {@link #ANY}
     * @param days   days after {@code received_hour} at which a matching case is deleted
     */
    public record Rule(String kind, String status, long days) {

        boolean matches(String caseKind, String caseStatus) {
            return (kind.equals(ANY) || kind.equals(caseKind)) && (status.equals(ANY) || status.equals(caseStatus));
        }

        /** 2 when kind and status are named, 1 when one of them is {@code any}, 0 for any/any. */
        int specificity() {
            return (kind.equals(ANY) ? 0 : 1) + (status.equals(ANY) ? 0 : 1);
        }
    }

    public RetentionPolicy(List<Rule> rules) {
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            if (!seen.add(rule.kind() + "/" + rule.status())) {
                throw new ConfigException("sealbox.retention has two rules for kind " + rule.kind() + " and status "
                        + rule.status() + ": keep one");
            }
        }
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads {@code retention} from the {@code sealbox} node. A missing node means no rule, so
     * nothing is ever deleted.
     *
     * @throws ConfigException naming the rule and the accepted values when a rule is invalid
     */
    public static RetentionPolicy from(Config sealbox) {
        List<Config> nodes = sealbox.get("retention").asNodeList().orElse(List.of());
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            rules.add(rule(nodes.get(i), "sealbox.retention[" + i + "]"));
        }
        return new RetentionPolicy(rules);
    }

    private static Rule rule(Config node, String name) {
        String kind = node.get("kind").asString().orElse("").strip().toLowerCase(Locale.ROOT);
        if (!kind.equals(ANY) && ReportKind.fromId(kind).isEmpty()) {
            throw new ConfigException(name + ".kind is '" + kind + "': use breach, request or any");
        }
        String status = node.get("status").asString().orElse("").strip().toLowerCase(Locale.ROOT);
        if (!STATUS.matcher(status).matches()) {
            throw new ConfigException(name + ".status is '" + status
                    + "': use a case status such as closed, or any");
        }
        String rawDays = node.get("days").asString().orElse("").strip();
        long days;
        try {
            days = Long.parseLong(rawDays);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ".days is '" + rawDays + "': expected a whole number of days");
        }
        if (days <= 0 || days > 36_500) {
            throw new ConfigException(name + ".days is " + days + ": expected 1 to 36500");
        }
        return new Rule(kind, status, days);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Returns the rule that decides for a case of this kind and status, if any matches. */
    public Optional<Rule> ruleFor(String kind, String status) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.matches(kind, status) && (best == null || rule.specificity() > best.specificity())) {
                best = rule;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Returns whether a case is past retention at {@code now}: its deciding rule's days have passed since
     * {@code receivedHour} (epoch seconds). A case without a matching rule never expires.
     */
    public boolean isExpired(String kind, String status, long receivedHour, Instant now) {
        return ruleFor(kind, status)
                .map(rule -> !Instant.ofEpochSecond(receivedHour).plus(Duration.ofDays(rule.days())).isAfter(now))
                .orElse(false);
    }
}
