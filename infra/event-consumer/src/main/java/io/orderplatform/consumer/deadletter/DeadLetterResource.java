package io.orderplatform.consumer.deadletter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.orderplatform.consumer.deadletter.DeadLetterRedriver.ByDlqOffsets;
import io.orderplatform.consumer.deadletter.DeadLetterRedriver.ByFilter;
import io.orderplatform.consumer.deadletter.DeadLetterRedriver.ByIds;
import io.orderplatform.consumer.deadletter.DeadLetterRedriver.Selection;
import io.orderplatform.contract.Roles;
import io.orderplatform.database.RequestDatabaseWork;
import io.orderplatform.problem.FieldPaths;
import io.orderplatform.problem.KeysetPage;
import io.orderplatform.problem.PageCursor;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemException;
import io.orderplatform.problem.QueryParameters;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * This consumer group's dead letters, for operators: look into them, count them, send them back once their cause
 * is fixed. Each consumer service serves its own group's only.
 */
@Path("/admin/dead-letters")
// Every call needs a bearer token with this role (401/403 problems: infra/problem-details SecurityProblems).
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "This consumer group's dead-letter topic, as indexed in its database: "
        + "inspect, count, redrive")
@APIResponse(responseCode = "400", description = "A bad parameter, named in violations[].field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The database is unavailable or did not answer in time; see "
        + "Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeadLetterResource {

    private static final String REASON = "A kind (SCHEMA_VIOLATION, DATA_REJECTED, ...) or a piece of the reason's "
            + "text, any case";
    private static final String FROM = "Dead-lettered at or after this ISO-8601 instant, e.g. 2026-01-31T00:00:00Z";
    private static final String TO = "Dead-lettered before this ISO-8601 instant";
    private static final String EVENT_ID = "The envelope's eventId (a UUID)";
    private static final String ORDER_ID = "The envelope's orderId (a UUID)";
    private static final String STATUS = "NEW or REDRIVEN";

    private final DeadLetterRepository repository;
    private final DeadLetterRedriver redriver;
    private final DeadLetterConfig config;
    /** Each request's reads run to their own end and answer within the request bound, or 503 (infra/database). */
    private final RequestDatabaseWork database;
    /**
     * The service's JSON reading (strict scalars), refusing unknown properties as well: a misspelt {@code dryRun}
     * must not turn a dry run into a real one. Jackson has no per-class switch for that.
     */
    private final ObjectReader redriveRequests;

    public DeadLetterResource(DeadLetterRepository repository, DeadLetterRedriver redriver, DeadLetterConfig config,
            RequestDatabaseWork database, ObjectMapper json) {
        this.repository = repository;
        this.redriver = redriver;
        this.config = config;
        this.database = database;
        this.redriveRequests = json.readerFor(RedriveRequest.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @GET
    @Operation(summary = "Dead letters that match, newest first, a page at a time",
            description = "Keyset paging: pass a page's nextCursor as cursor for the next one. Values and headers "
                    + "are in GET /admin/dead-letters/{id}.")
    public Uni<DeadLetterPageView> list(
            @Parameter(description = REASON) @QueryParam("reason") String reason,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = EVENT_ID) @QueryParam("eventId") String eventId,
            @Parameter(description = ORDER_ID) @QueryParam("orderId") String orderId,
            @Parameter(description = STATUS) @QueryParam("status") String status,
            @Parameter(description = "Dead letters per page, 1 to " + DeadLetterParameters.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + DeadLetterParameters.MAX_PAGE_SIZE,
                            defaultValue = "" + DeadLetterParameters.DEFAULT_PAGE_SIZE))
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page")
            @QueryParam("cursor") String cursor) {
        DeadLetterFilter filter = DeadLetterParameters.filter("", reason, from, to, eventId, orderId, status);
        int pageSize = QueryParameters.wholeNumber("limit", limit,
                DeadLetterParameters.DEFAULT_PAGE_SIZE, 1, DeadLetterParameters.MAX_PAGE_SIZE);
        PageCursor<Long> after = PageCursor.parse("cursor", cursor, Long::valueOf);
        return database.run(() -> Panache.withSession(
                () -> repository.newestFirst(filter, after, KeysetPage.rowsToFetch(pageSize))))
                .map(rows -> KeysetPage.of(rows, pageSize, row -> new PageCursor<>(row.deadLetteredAt(), row.id())))
                .map(page -> new DeadLetterPageView(page.items(), page.nextCursor()));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "How many dead letters match: in all, by kind, by reason, and by hour or day (UTC)")
    public Uni<DeadLetterSummaryView> summary(
            @Parameter(description = "hour or day (default) buckets for byTime") @QueryParam("by") String by,
            @Parameter(description = REASON) @QueryParam("reason") String reason,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = EVENT_ID) @QueryParam("eventId") String eventId,
            @Parameter(description = ORDER_ID) @QueryParam("orderId") String orderId,
            @Parameter(description = STATUS) @QueryParam("status") String status) {
        boolean byHour = DeadLetterParameters.byHour("by", by);
        DeadLetterFilter filter = DeadLetterParameters.filter("", reason, from, to, eventId, orderId, status);
        // One after the other: a Hibernate Reactive session runs one statement at a time.
        return database.run(() -> Panache.withSession(() -> repository.count(filter)
                .chain(total -> repository.countsByKind(filter)
                        .chain(kinds -> repository.countsByReason(filter, DeadLetterParameters.SUMMARY_REASONS)
                                .chain(reasons -> repository.countsByTime(filter, byHour)
                                        .map(times -> new DeadLetterSummaryView(total, byHour ? "hour" : "day",
                                                kinds, reasons, times)))))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter, with its value and headers")
    @APIResponse(responseCode = "404", description = "No dead letter with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeadLetterDetailView> deadLetter(@PathParam("id") String id) {
        long deadLetterId = DeadLetterParameters.id("id", id);
        return database.run(() -> Panache.withSession(() -> repository.findById(deadLetterId))).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No dead letter with id " + deadLetterId);
            }
            return DeadLetterDetailView.of(found);
        });
    }

    @POST
    @Path("/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send dead letters back to this group's redrive topic, or (dryRun) say which it would send",
            description = "Each goes with its original key, value and headers plus redrive-* history headers, at a "
                    + "bounded rate, and is marked REDRIVEN once the broker acknowledged it. This group consumes "
                    + "its redrive topic like order-events: an event applied before is skipped (eventId), one that "
                    + "fails again is dead-lettered again, once, as a new dead letter.")
    @APIResponse(responseCode = "404", description = "ids or dlqOffsets name dead letters that are not stored; "
            + "nothing was sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RedriveResult> redrive(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedriveRequest.class)))
            JsonNode body) throws JsonProcessingException {
        // Problems in it are answered like any body's (ProblemMappers), naming the field.
        RedriveRequest request = body == null || body.isNull() ? null
                : redriveRequests.treeToValue(body, RedriveRequest.class);
        if (request == null) {
            throw ProblemException.badRequest(FieldPaths.BODY, "must name the dead letters to redrive: one of "
                    + "filter, ids or dlqOffsets");
        }
        int max = config.redrive().maxPerRequest();
        int limit = request.limit() == null ? max : request.limit();
        if (limit < 1 || limit > max) {
            throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + max + ", was " + limit);
        }
        return redriver.redrive(selection(request, limit), limit, Boolean.TRUE.equals(request.dryRun()));
    }

    private static Selection selection(RedriveRequest request, int limit) {
        long named = (request.filter() == null ? 0 : 1) + (request.ids() == null ? 0 : 1)
                + (request.dlqOffsets() == null ? 0 : 1);
        if (named != 1) {
            throw ProblemException.badRequest(FieldPaths.BODY, "must name the dead letters to redrive with exactly "
                    + "one of filter, ids or dlqOffsets, named " + named);
        }
        if (request.filter() != null) {
            RedriveRequest.Filter f = request.filter();
            if (f.equals(new RedriveRequest.Filter(null, null, null, null, null, null))) {
                // Everything is asked for explicitly, e.g. {"status": "NEW"}: an empty filter is too easy to send.
                throw ProblemException.badRequest("filter", "must have at least one condition; for every dead letter "
                        + "never redriven, say {\"status\": \"NEW\"}");
            }
            DeadLetterFilter filter = DeadLetterParameters.filter("filter.", f.reason(), f.from(), f.to(), f.eventId(),
                    f.orderId(), f.status());
            // A redrive by filter sends what was never sent back, unless asked otherwise.
            return new ByFilter(filter.status() == null ? filter.withStatus(DeadLetterStatus.NEW) : filter);
        }
        if (request.ids() != null) {
            checkSize("ids", request.ids().size(), limit);
            for (int i = 0; i < request.ids().size(); i++) {
                Long id = request.ids().get(i);
                if (id == null || id < 1) {
                    throw ProblemException.badRequest("ids[" + i + "]", "must be a whole number from 1, was " + id);
                }
            }
            return new ByIds(List.copyOf(request.ids()));
        }
        checkSize("dlqOffsets", request.dlqOffsets().size(), limit);
        for (int i = 0; i < request.dlqOffsets().size(); i++) {
            DlqOffset offset = request.dlqOffsets().get(i);
            if (offset == null || offset.partition() == null || offset.partition() < 0) {
                throw ProblemException.badRequest("dlqOffsets[" + i + "].partition", "must be a whole number from 0");
            }
            if (offset.offset() == null || offset.offset() < 0) {
                throw ProblemException.badRequest("dlqOffsets[" + i + "].offset", "must be a whole number from 0");
            }
        }
        return new ByDlqOffsets(List.copyOf(request.dlqOffsets()));
    }

    private static void checkSize(String field, int size, int limit) {
        if (size < 1 || size > limit) {
            throw ProblemException.badRequest(field, "must name from 1 to " + limit + " dead letters (the limit), "
                    + "named " + size);
        }
    }
}
