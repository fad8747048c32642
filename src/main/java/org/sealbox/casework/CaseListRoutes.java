package org.sealbox.casework;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.sealbox.officer.OfficerService;
import org.sealbox.officer.OfficerSessions;
import org.sealbox.report.ReportKind;
import org.sealbox.storage.Database;
import org.sealbox.web.Messages;
import org.sealbox.web.Pages;
import org.sealbox.web.Redirects;
import org.sealbox.web.Session;

/**
 * {@code GET /cases} on the admin listener: the cases the officer has a key for, with filters,
 * sort, pagination and the dashboard counts. Built from clear columns only. Thread-safe.
 */
public final class CaseListRoutes implements HttpService {

    /** Rows per page of the case list. */
    public static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final Messages messages;
    private final OfficerSessions sessions;
    private final Database database;
    private final CaseClock caseClock;
    private final StatusLabels labels;
    private final DeadlineViews views;
    private final Clock clock;
    private final CaseListStore store = new CaseListStore();

    public CaseListRoutes(Pages pages, OfficerSessions sessions, Database database, CaseClock caseClock,
                          StatusLabels labels, Clock clock) {
        this.pages = pages;
        this.messages = pages.messages();
        this.sessions = sessions;
        this.database = database;
        this.caseClock = caseClock;
        this.labels = labels;
        this.views = new DeadlineViews(messages, caseClock.legalClock().zone());
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/cases", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.signedIn(req);
        if (session.isEmpty()) {
            Redirects.seeOther(res, "/login");
            return;
        }
        OfficerService.SignedIn officer = OfficerSessions.officer(session.get());
        CaseListQuery query = CaseListQuery.parse(name -> req.query().first(name).orElse(""));
        Instant now = clock.instant();

        Listing listing = database.read(h -> {
            int total = store.count(h, officer.id(), query, now);
            int lastPage = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            CaseListQuery shown = query.page() > lastPage ? query.onPage(lastPage) : query;
            List<CaseListStore.Row> rows = store.page(h, officer.id(), shown, now, PAGE_SIZE);
            List<WorkflowStore.Holder> officers = h.createQuery(
                            "SELECT id, username FROM officer WHERE active = 1 ORDER BY username")
                    .map((rs, ctx) -> new WorkflowStore.Holder(rs.getLong(1), rs.getString(2)))
                    .list();
            return new Listing(shown, total, lastPage, rows, store.dashboard(h, officer.id(), now), officers);
        });

        Map<String, Object> model = new HashMap<>();
        model.put("title", messages.get("admin.cases.title"));
        model.put("csrf", session.get().csrfToken());
        model.put("officer", true);
        model.put("signedIn", messages.get("admin.signed-in", officer.username()));
        model.put("administrator", officer.isAdministrator());
        model.put("errors", List.of());
        model.put("hasErrors", false);
        model.put("dashboard", dashboardModel(listing.dashboard()));
        model.put("filters", filterModel(listing.query(), listing.officers()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CaseListStore.Row row : listing.rows()) {
            rows.add(rowModel(row, now));
        }
        model.put("cases", rows);
        model.put("hasCases", !rows.isEmpty());
        model.put("total", messages.get("casework.list.total", listing.total()));
        model.put("pagination", paginationModel(listing));
        model.put("notice", session.get().get(OfficerSessions.GRANT_NOTICE).orElse(null));
        session.get().remove(OfficerSessions.GRANT_NOTICE);
        pages.send(res, "admin-cases", model);
    }

    private record Listing(CaseListQuery query, int total, int lastPage, List<CaseListStore.Row> rows,
                           CaseListStore.Dashboard dashboard, List<WorkflowStore.Holder> officers) {
    }

    private Map<String, Object> rowModel(CaseListStore.Row row, Instant now) {
        Map<String, Object> model = new HashMap<>();
        model.put("id", row.id());
        model.put("reference", row.reference());
        model.put("kind", messages.get("admin.kind." + row.times().kind().id()));
        model.put("received", messages.get("admin.received", views.dateTime(row.times().received()),
                views.zone().getId()));
        model.put("status", labels.label(row.status()));
        model.put("assignee", row.assignee().orElse(messages.get("casework.unassigned")));
        caseClock.nearest(row.times()).ifPresent(deadline -> {
            Map<String, Object> view = views.deadline(deadline, now);
            model.put("deadline", view);
            model.put("rowClass", view.get("urgencyClass"));
        });
        model.put("unread", row.unread());
        model.put("hasUnread", row.unread() > 0);
        model.put("unreadLabel", messages.get("casework.list.unread", row.unread()));
        return model;
    }

    private List<Map<String, Object>> dashboardModel(CaseListStore.Dashboard dashboard) {
        return List.of(
                Map.of("label", messages.get("casework.dashboard.overdue"), "count", dashboard.overdue(),
                        "href", "/cases?overdue=1", "id", "dashboard-overdue"),
                Map.of("label", messages.get("casework.dashboard.due-soon"), "count", dashboard.dueSoon(),
                        "href", "/cases", "id", "dashboard-due-soon"),
                Map.of("label", messages.get("casework.dashboard.new"), "count", dashboard.fresh(),
                        "href", "/cases?status=new", "id", "dashboard-new"),
                Map.of("label", messages.get("casework.dashboard.unassigned"), "count", dashboard.unassigned(),
                        "href", "/cases?assignee=none", "id", "dashboard-unassigned"));
    }

    private Map<String, Object> filterModel(CaseListQuery query, List<WorkflowStore.Holder> officers) {
        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> kinds = new ArrayList<>();
        kinds.add(option("", messages.get("casework.filter.any"), query.kind().isEmpty()));
        for (ReportKind kind : ReportKind.values()) {
            kinds.add(option(kind.id(), messages.get("admin.kind." + kind.id()), query.kind().equals(Optional.of(kind))));
        }
        model.put("kinds", kinds);
        List<Map<String, Object>> statuses = new ArrayList<>();
        statuses.add(option("", messages.get("casework.filter.any"), query.status().isEmpty()));
        for (CaseStatus status : CaseStatus.values()) {
            statuses.add(option(status.id(), labels.label(status), query.status().equals(Optional.of(status))));
        }
        model.put("statuses", statuses);
        List<Map<String, Object>> assignees = new ArrayList<>();
        assignees.add(option("", messages.get("casework.filter.anyone"), query.assignee().isEmpty()));
        assignees.add(option(CaseListQuery.UNASSIGNED, messages.get("casework.unassigned"),
                query.assignee().equals(CaseListQuery.UNASSIGNED)));
        assignees.add(option(CaseListQuery.ME, messages.get("casework.filter.me"), query.assignee().equals(CaseListQuery.ME)));
        for (WorkflowStore.Holder officer : officers) {
            String id = Long.toString(officer.id());
            assignees.add(option(id, officer.username(), query.assignee().equals(id)));
        }
        model.put("assignees", assignees);
        model.put("overdue", query.overdue());
        List<Map<String, Object>> sorts = new ArrayList<>();
        for (CaseListQuery.Sort sort : CaseListQuery.Sort.values()) {
            sorts.add(option(sort.id(), messages.get("casework.sort." + sort.id()), query.sort() == sort));
        }
        model.put("sorts", sorts);
        return model;
    }

    private static Map<String, Object> option(String value, String label, boolean selected) {
        return Map.of("value", value, "label", label, "selected", selected);
    }

    private Map<String, Object> paginationModel(Listing listing) {
        CaseListQuery query = listing.query();
        int page = query.page();
        Map<String, Object> model = new HashMap<>();
        model.put("position", messages.get("casework.list.page", page, listing.lastPage()));
        model.put("several", listing.lastPage() > 1);
        List<Map<String, Object>> links = new ArrayList<>();
        if (page > 1) {
            links.add(Map.of("href", "/cases" + query.onPage(1).queryString(), "label", messages.get("casework.page.first"),
                    "rel", ""));
            links.add(Map.of("href", "/cases" + query.onPage(page - 1).queryString(),
                    "label", messages.get("casework.page.previous"), "rel", "prev"));
        }
        if (page < listing.lastPage()) {
            links.add(Map.of("href", "/cases" + query.onPage(page + 1).queryString(),
                    "label", messages.get("casework.page.next"), "rel", "next"));
            links.add(Map.of("href", "/cases" + query.onPage(listing.lastPage()).queryString(),
                    "label", messages.get("casework.page.last"), "rel", ""));
        }
        model.put("links", links);
        return model;
    }
}
