package io.orderplatform.order.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.OrderAction;
import io.orderplatform.order.mapping.OrderMapper;
import io.orderplatform.order.repository.OrderRepository.OrderFilter;
import io.orderplatform.order.service.OrderService;
import io.orderplatform.order.service.PlacedOrder;
import io.orderplatform.problem.KeysetPage;
import io.orderplatform.problem.PageCursor;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The orders API. Errors are RFC 9457 problems: the platform's {@link io.orderplatform.problem.ProblemMappers} and
 * this API's {@link OrderProblemMappers}.
 * <p>
 * Every call needs a bearer token (401/403 problems from infra/problem-details' SecurityProblems). A token with
 * {@value Roles#ORDERS_READ} reads every order (and, with {@value Roles#ORDERS_WRITE}, changes any); one without it
 * is a customer's, whose subject is the customer id: it places, sees, pays and cancels only that customer's orders,
 * and another customer's order is a 404 like an unknown id.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders", description = "Place, read, pay and cancel orders")
@APIResponse(responseCode = "400", description = "Invalid request: the problem's violations name each bad field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrderResource {

    /** Header telling the client that an earlier request with its Idempotency-Key created the order. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final OrderService orders;
    private final SecurityIdentity identity;

    public OrderResource(OrderService orders, SecurityIdentity identity) {
        this.orders = orders;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ORDERS_WRITE)
    @Operation(summary = "Place an order",
            description = "Stores the order in status CREATED and publishes OrderCreated. With an Idempotency-Key, "
                    + "a retry with the same body returns the first order (201, same Location) and creates nothing. "
                    + "Keys are the caller's own (its token's subject). A customer's token (without orders:read) "
                    + "places orders only for its own customerId.")
    @APIResponse(responseCode = "201", description = "Order placed (or replayed for a known Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "403", description = "Without orders:write, or customerId names another customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OrderResponse>> create(@Valid @NotNull CreateOrderRequest body,
            @Parameter(description = "Makes retries safe: 1 to 128 visible ASCII characters, unique per order")
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @Context UriInfo uriInfo) {
        String key = IdempotencyKeyHeader.validated(idempotencyKey);
        Caller caller = Caller.of(identity);
        if (!caller.mayActFor(body.customerId())) {
            throw ProblemException.forbidden("customerId", "names another customer: this token places orders for "
                    + "its own subject only");
        }
        return orders.place(OrderMapper.toNewOrder(body), key, caller.subject()).map(placed -> created(placed, uriInfo));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ORDERS_READ, Roles.ORDERS_WRITE })
    @Operation(summary = "Read an order", description = "Any order with orders:read; a customer's own otherwise.")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "404", description = "No order has this id (also for an id that is not a UUID, and "
            + "for another customer's order)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrderResponse> get(@PathParam("id") String id) {
        return orders.find(OrderIds.parse(id), Caller.of(identity).confinedTo()).map(OrderMapper::toResponse);
    }

    @GET
    @RolesAllowed({ Roles.ORDERS_READ, Roles.ORDERS_WRITE })
    @Operation(summary = "List orders, newest first, a page at a time",
            description = "Filters are optional and combine with AND; an empty filter value means no filter. Keyset "
                    + "paging: pass a page's nextCursor as cursor for the next one; orders placed meanwhile never "
                    + "shift a page. Without orders:read, only the caller's own orders (customerId defaults to the "
                    + "token's subject; another customer's id is a 403).")
    @APIResponse(responseCode = "200", description = "One page of orders",
            content = @Content(schema = @Schema(implementation = OrderPageResponse.class)))
    public Uni<OrderPageResponse> list(
            @Parameter(description = "Only this customer's orders")
            @QueryParam("customerId") @Size(max = 64) String customerId,
            @Parameter(description = "Only orders in this status", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "CREATED", "PAID", "CANCELLED" }))
            @QueryParam("status") @Pattern(regexp = "(CREATED|PAID|CANCELLED)?",
                    message = "must be one of CREATED, PAID, CANCELLED") String status,
            // Checked as text: an int parameter that fails to convert is a 404 by the JAX-RS spec, and "limit=abc"
            // deserves a 400 naming the parameter.
            @Parameter(description = "Orders per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") @DefaultValue("20") @Pattern(regexp = "[1-9]\\d?|100",
                    message = "must be a whole number from 1 to 100") String limit,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page")
            @QueryParam("cursor") String cursor,
            @Parameter(hidden = true) @QueryParam("page") String page,
            @Parameter(hidden = true) @QueryParam("size") String size) {
        KeysetPage.refuseOffsetPaging(page, size);
        String confinedTo = Caller.of(identity).confinedTo();
        if (confinedTo != null && emptyToNull(customerId) != null && !confinedTo.equals(customerId)) {
            throw ProblemException.forbidden("customerId", "names another customer: this token lists its own "
                    + "subject's orders only");
        }
        OrderFilter filter = new OrderFilter(confinedTo != null ? confinedTo : emptyToNull(customerId),
                emptyToNull(status) == null ? null : OrderStatus.valueOf(status));
        PageCursor<UUID> after = PageCursor.parse("cursor", cursor, UUID::fromString);
        return orders.list(filter, after, Integer.parseInt(limit)).map(OrderMapper::toResponse);
    }

    @POST
    @Path("{id}/pay")
    @RolesAllowed(Roles.ORDERS_WRITE)
    @Operation(summary = "Pay an order", description = "CREATED -> PAID; publishes OrderPaid.")
    @APIResponse(responseCode = "200", description = "The paid order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "404", description = "No order has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The order's status does not allow paying",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrderResponse> pay(@PathParam("id") String id) {
        return orders.apply(OrderIds.parse(id), OrderAction.PAY, Caller.of(identity).confinedTo())
                .map(OrderMapper::toResponse);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.ORDERS_WRITE)
    @Operation(summary = "Cancel an order",
            description = "CREATED -> CANCELLED, or PAID -> CANCELLED with refunded=true; publishes OrderCancelled.")
    @APIResponse(responseCode = "200", description = "The cancelled order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "404", description = "No order has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The order is already cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrderResponse> cancel(@PathParam("id") String id) {
        return orders.apply(OrderIds.parse(id), OrderAction.CANCEL, Caller.of(identity).confinedTo())
                .map(OrderMapper::toResponse);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static RestResponse<OrderResponse> created(PlacedOrder placed, UriInfo uriInfo) {
        URI location = uriInfo.getBaseUriBuilder().path(OrderResource.class).path(placed.order().id().toString())
                .build();
        RestResponse.ResponseBuilder<OrderResponse> response = RestResponse.ResponseBuilder
                .<OrderResponse> created(location)
                .entity(OrderMapper.toResponse(placed.order()));
        if (placed.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
