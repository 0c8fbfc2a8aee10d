package io.orderplatform.audit.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.orderplatform.contract.Roles;
import io.orderplatform.audit.repository.AuditQueries;
import io.orderplatform.audit.repository.EventSearch;
import io.orderplatform.contract.EventType;
import io.orderplatform.database.RequestDatabaseWork;
import io.orderplatform.problem.KeysetPage;
import io.orderplatform.problem.PageCursor;
import io.orderplatform.problem.ProblemException;
import io.orderplatform.problem.QueryParameters;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The audit trail of the order events, as this consumer received them. Read only. */
@Path("/audit")
// Every call needs a bearer token with this role (401/403 problems: infra/problem-details SecurityProblems).
@RolesAllowed(Roles.AUDIT_READ)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditQueries queries;
    private final RequestDatabaseWork database;

    public AuditResource(AuditQueries queries, RequestDatabaseWork database) {
        this.queries = queries;
        this.database = database;
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(summary = "An order's trail in sequence order, with missing sequence numbers and late arrivals flagged")
    public Uni<OrderTrailView> order(@PathParam("orderId") String orderId) {
        UUID id = QueryParameters.uuid("orderId", orderId);
        return database.run(() -> Panache.withSession(() -> queries.trail(id))).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("No events recorded for order " + id);
            }
            return OrderTrailView.of(id, entries);
        });
    }

    @GET
    @Path("/events/{eventId}")
    @Operation(summary = "One recorded event, with its envelope and Kafka coordinates")
    public Uni<AuditEntryView> event(@PathParam("eventId") String eventId) {
        UUID id = QueryParameters.uuid("eventId", eventId);
        return database.run(() -> Panache.withSession(() -> queries.event(id)))
                .map(entry -> entry.map(AuditEntryView::of).orElseThrow(() -> ProblemException.notFound("No event recorded with eventId " + id)));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Recorded events by type and time of occurrence, oldest first, a page at a time",
            description = "Keyset paging: pass a page's nextCursor as cursor for the next one; events recorded "
                    + "meanwhile never shift a page.")
    public Uni<EventPageView> events(
            @Parameter(description = "OrderCreated, OrderPaid or OrderCancelled; all types if absent")
            @QueryParam("type") String type,
            @Parameter(description = "ISO-8601 instant, inclusive, e.g. 2026-01-31T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
            @Parameter(description = "Events per page, 1 to " + RequestParameters.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + RequestParameters.MAX_PAGE_SIZE,
                            defaultValue = "" + RequestParameters.DEFAULT_PAGE_SIZE))
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page")
            @QueryParam("cursor") String cursor,
            @Parameter(hidden = true) @QueryParam("page") String page,
            @Parameter(hidden = true) @QueryParam("size") String size) {
        KeysetPage.refuseOffsetPaging(page, size);
        EventType eventType = RequestParameters.eventType("type", type);
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw ProblemException.badRequest("from", "must not be after to (" + to + "), was '" + from + "'");
        }
        int pageSize = QueryParameters.wholeNumber("limit", limit, RequestParameters.DEFAULT_PAGE_SIZE, 1,
                RequestParameters.MAX_PAGE_SIZE);
        PageCursor<UUID> after = PageCursor.parse("cursor", cursor, UUID::fromString);
        EventSearch search = new EventSearch(eventType, fromInstant, toInstant, after,
                KeysetPage.rowsToFetch(pageSize));
        return database.run(() -> Panache.withSession(() -> queries.search(search)))
                .map(entries -> KeysetPage.of(entries, pageSize, e -> new PageCursor<>(e.occurredAt(), e.eventId())))
                .map(found -> new EventPageView(found.items().stream().map(AuditEntryView::of).toList(),
                        found.nextCursor()));
    }
}
