package org.sealbox.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import org.sealbox.report.ReportKind;

/**
 * SQL of the case list: one page of the cases an officer has a key for, their count and the
 * dashboard counts. Reads only clear columns, so nothing is decrypted. Filters and sort use the
 * indexes on {@code next_deadline}, {@code status}, {@code assignee_id} and {@code kind}.
 * Stateless; callers own the handle.
 */
public final class CaseListStore {

    /** Seconds in the due-soon window of {@link org.sealbox.deadline.Deadline#DUE_SOON_WINDOW}. */
    private static final long DUE_SOON_SECONDS = org.sealbox.deadline.Deadline.DUE_SOON_WINDOW.toSeconds();

    /**
     * One row of the list.
     *
     * @param assignee username of the assigned officer, empty when unassigned
     * @param unread   messages from the reporter that this officer has not seen on the case page
     */
    public record Row(long id, String reference, String status, Optional<String> assignee, CaseTimes times,
                      int unread) {
    }

    /** The counts above the list, over every case the officer holds. */
    public record Dashboard(int overdue, int dueSoon, int fresh, int unassigned) {
    }

    /** Returns one page of rows in the query's order. */
    public List<Row> page(Handle h, long officerId, CaseListQuery query, Instant now, int pageSize) {
        Filter filter = filter(officerId, query, now);
        String sql = """
                WITH page AS (
                    SELECT c.id, c.next_deadline, c.received_hour FROM report_case c
                    JOIN case_key k ON k.case_id = c.id AND k.officer_id = :officerId
                    WHERE %1$s ORDER BY %2$s LIMIT :limit OFFSET :offset)
                SELECT c.id, c.reference, c.kind, c.status, c.received_hour, o.username, c.aware_at,
                       c.acknowledged_at, c.feedback_at, c.extension_months, c.answered_at, c.authority_decision,
                       c.authority_notified_at, c.closed_at,
                       (SELECT COUNT(*) FROM message m
                        WHERE m.case_id = c.id AND m.author = 'reporter'
                          AND m.id > COALESCE((SELECT r.last_message_id FROM case_read r
                                               WHERE r.case_id = c.id AND r.officer_id = :officerId), 0)) AS unread
                FROM page JOIN report_case c ON c.id = page.id
                LEFT JOIN officer o ON o.id = c.assignee_id
                ORDER BY %2$s""".formatted(filter.where, order(query.sort()));
        Query statement = h.createQuery(sql)
                .bind("limit", pageSize)
                .bind("offset", (long) (query.page() - 1) * pageSize);
        filter.bind(statement);
        return statement.map((rs, ctx) -> row(rs)).list();
    }

    /** Counts the rows the query matches over all pages. */
    public int count(Handle h, long officerId, CaseListQuery query, Instant now) {
        Filter filter = filter(officerId, query, now);
        Query statement = h.createQuery("""
                SELECT COUNT(*) FROM report_case c
                JOIN case_key k ON k.case_id = c.id AND k.officer_id = :officerId
                WHERE %s""".formatted(filter.where));
        filter.bind(statement);
        return statement.mapTo(Integer.class).one();
    }

    /** Counts overdue, due-soon, new and unassigned open cases among those the officer holds. */
    public Dashboard dashboard(Handle h, long officerId, Instant now) {
        return h.createQuery("""
                        SELECT COALESCE(SUM(c.next_deadline <= :now), 0),
                               COALESCE(SUM(c.next_deadline > :now AND c.next_deadline <= :soon), 0),
                               COALESCE(SUM(c.status = 'new'), 0),
                               COALESCE(SUM(c.assignee_id IS NULL AND c.status <> 'closed'), 0)
                        FROM report_case c JOIN case_key k ON k.case_id = c.id AND k.officer_id = :officerId""")
                .bind("officerId", officerId)
                .bind("now", now.getEpochSecond())
                .bind("soon", now.getEpochSecond() + DUE_SOON_SECONDS)
                .map((rs, ctx) -> new Dashboard(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .one();
    }

    private static String order(CaseListQuery.Sort sort) {
        return switch (sort) {
            case DEADLINE -> "c.next_deadline IS NULL, c.next_deadline, c.id";
            case RECEIVED -> "c.received_hour DESC, c.id DESC";
            case OLDEST -> "c.received_hour, c.id";
        };
    }

    /** A WHERE clause over {@code c} and its values, built only from fixed SQL fragments. */
    private record Filter(String where, Map<String, Object> values) {
        void bind(Query statement) {
            values.forEach(statement::bind);
        }
    }

    private static Filter filter(long officerId, CaseListQuery query, Instant now) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        values.put("officerId", officerId);
        conditions.add("1 = 1");
        query.kind().ifPresent(kind -> {
            conditions.add("c.kind = :kind");
            values.put("kind", kind.id());
        });
        query.status().ifPresent(status -> {
            conditions.add("c.status = :status");
            values.put("status", status.id());
        });
        switch (query.assignee()) {
            case "" -> { }
            case CaseListQuery.UNASSIGNED -> conditions.add("c.assignee_id IS NULL");
            case CaseListQuery.ME -> {
                conditions.add("c.assignee_id = :assignee");
                values.put("assignee", officerId);
            }
            default -> {
                conditions.add("c.assignee_id = :assignee");
                values.put("assignee", Long.parseLong(query.assignee()));
            }
        }
        if (query.overdue()) {
            conditions.add("c.next_deadline <= :now");
            values.put("now", now.getEpochSecond());
        }
        return new Filter(String.join(" AND ", conditions), values);
    }

    private static Row row(ResultSet rs) throws SQLException {
        CaseTimes times = new CaseTimes(ReportKind.fromId(rs.getString("kind")).orElseThrow(),
                Instant.ofEpochSecond(rs.getLong("received_hour")),
                WorkflowStore.instant(rs, "aware_at"),
                WorkflowStore.instant(rs, "acknowledged_at"),
                WorkflowStore.instant(rs, "feedback_at"),
                rs.getInt("extension_months"),
                WorkflowStore.instant(rs, "answered_at"),
                Optional.ofNullable(rs.getString("authority_decision")),
                WorkflowStore.instant(rs, "authority_notified_at"),
                WorkflowStore.instant(rs, "closed_at"));
        return new Row(rs.getLong("id"), rs.getString("reference"), rs.getString("status"),
                Optional.ofNullable(rs.getString("username")), times, rs.getInt("unread"));
    }
}
