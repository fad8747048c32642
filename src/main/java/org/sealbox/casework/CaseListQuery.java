package org.sealbox.casework;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sealbox.report.ReportKind;

/**
 * The filters, sort order and page of the case list, read from the query string of
 * {@code GET /cases}. Values that do not parse fall back to "any", the default sort and page 1,
 * so a hand-edited address never fails.
 *
 * @param kind     only cases of this kind, empty for any
 * @param status   only cases with this status, empty for any
 * @param assignee "" for anyone, {@value #UNASSIGNED}, {@value #ME} or an officer id
 * @param overdue  only cases whose nearest deadline has passed
 * @param sort     order of the rows
 * @param page     page number from 1
 */
public record CaseListQuery(Optional<ReportKind> kind, Optional<CaseStatus> status, String assignee, boolean overdue,
                            Sort sort, int page) {

    public static final String UNASSIGNED = "none";
    public static final String ME = "me";

    /** Orders of the case list. */
    public enum Sort {
        /** Nearest open deadline first; cases without one (closed) last. */
        DEADLINE("deadline"),
        /** Newest first. */
        RECEIVED("received"),
        /** Oldest first. */
        OLDEST("oldest");

        private final String id;

        Sort(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Sort fromId(String id) {
            for (Sort sort : values()) {
                if (sort.id.equals(id)) {
                    return sort;
                }
            }
            return DEADLINE;
        }
    }

    /** Reads the query from request parameters; {@code parameter} returns "" for a missing one. */
    public static CaseListQuery parse(java.util.function.Function<String, String> parameter) {
        Optional<ReportKind> kind = ReportKind.fromId(parameter.apply("kind"));
        Optional<CaseStatus> status = CaseStatus.fromId(parameter.apply("status"));
        String assignee = parameter.apply("assignee");
        if (!assignee.equals(UNASSIGNED) && !assignee.equals(ME) && !assignee.matches("[0-9]{1,18}")) {
            assignee = "";
        }
        boolean overdue = parameter.apply("overdue").equals("1");
        Sort sort = Sort.fromId(parameter.apply("sort"));
        int page = 1;
        String rawPage = parameter.apply("page");
        if (rawPage.matches("[0-9]{1,9}")) {
            page = Math.max(1, Integer.parseInt(rawPage));
        }
        return new CaseListQuery(kind, status, assignee, overdue, sort, page);
    }

    /** Returns the same query on another page. */
    public CaseListQuery onPage(int number) {
        return new CaseListQuery(kind, status, assignee, overdue, sort, number);
    }

    /** Returns the query string of this query, without the default values, starting with "?" unless empty. */
    public String queryString() {
        List<String> pairs = new ArrayList<>();
        kind.ifPresent(value -> pairs.add("kind=" + value.id()));
        status.ifPresent(value -> pairs.add("status=" + value.id()));
        if (!assignee.isEmpty()) {
            pairs.add("assignee=" + URLEncoder.encode(assignee, StandardCharsets.UTF_8));
        }
        if (overdue) {
            pairs.add("overdue=1");
        }
        if (sort != Sort.DEADLINE) {
            pairs.add("sort=" + sort.id());
        }
        if (page > 1) {
            pairs.add("page=" + page);
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }
}
