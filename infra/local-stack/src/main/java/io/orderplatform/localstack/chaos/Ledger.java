package io.orderplatform.localstack.chaos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderplatform.localstack.chaos.RecordInjector.Poison;
import io.orderplatform.localstack.chaos.RunRecords.DeadLetter;
import io.orderplatform.localstack.chaos.RunRecords.Line;
import io.orderplatform.localstack.chaos.RunRecords.OutboxEvent;
import io.orderplatform.localstack.chaos.RunRecords.Processed;
import io.orderplatform.localstack.chaos.RunRecords.ProductFigures;

/**
 * The figures of a chaos run, per consumer, from what the databases and dead-letter topics hold (see
 * {@link RunRecords}), and the verdict: no event lost, none applied twice, no valid event dead-lettered, every poison
 * record dead-lettered by both groups.
 * <ul>
 * <li><b>applied</b>: outbox events of the run whose eventId is in the consumer's processed_event table;</li>
 * <li><b>dead letters</b>: records of the group's dead-letter topic written since the run began; poison if the run
 * injected it (its key), valid otherwise;</li>
 * <li><b>lost</b>: outbox events neither applied nor dead-lettered (including any the relay never sent);</li>
 * <li><b>applied twice</b>: audit: more than one audit_entry per event_id, or entries of events not in the outbox;
 * metrics: sales figures above what the events it applied imply (each order counts with the state of the highest
 * sequence applied, paid orders only, as metrics-consumer's README says). Figures below that are effects lost
 * although the event was logged as applied.</li>
 * </ul>
 */
final class Ledger {

    static final String METRICS = "metrics-consumer";
    static final String AUDIT = "audit-consumer";

    /** One consumer group's figures. */
    static final class GroupFigures {
        final String group;
        int applied;
        int poisonDeadLetters;
        int validDeadLetters;
        int validDeadLetteredEvents;
        int validDeadLetteredNeverApplied;
        Map<String, Long> validReasons = Map.of();
        int lost;
        int lostUnsent;
        long appliedTwice;
        String appliedTwiceDetail = "";
        long effectsMissing;
        String effectsMissingDetail = "";
        int poisonFound;
        int poisonRepeated;
        int poisonUnexpectedReason;

        GroupFigures(String group) {
            this.group = group;
        }
    }

    private final RunRecords records;
    private final List<Poison> poisons;
    private final Map<String, GroupFigures> groups = new LinkedHashMap<>();
    /** Sales per product as metrics-consumer shows them, as its applied events imply, as order_service implies. */
    private Map<String, ProductFigures> salesShown = Map.of();
    private Map<String, ProductFigures> salesFromAppliedEvents = Map.of();
    private Map<String, ProductFigures> salesFromOrders = Map.of();
    private int metricsStatusMismatches;
    private int ordersUnknownToMetrics;
    private long auditEntries;

    Ledger(RunRecords records, List<Poison> poisons) {
        this.records = records;
        this.poisons = poisons;
        for (String group : CatchUp.GROUPS) {
            groups.put(group, count(group));
        }
        countAudit(groups.get(AUDIT));
        countMetrics(groups.get(METRICS));
    }

    Map<String, GroupFigures> groups() {
        return groups;
    }

    /** What makes the run fail; empty when no event was lost, applied twice or wrongly dead-lettered. */
    List<String> verdict() {
        List<String> problems = new ArrayList<>();
        for (GroupFigures g : groups.values()) {
            if (g.lost > 0) {
                problems.add(g.group + " lost " + g.lost + " events");
            }
            if (g.appliedTwice > 0) {
                problems.add(g.group + " applied events twice (" + g.appliedTwiceDetail + ")");
            }
            if (g.validDeadLetters > 0) {
                problems.add(g.group + " dead-lettered " + g.validDeadLetters + " valid records ("
                        + g.validDeadLetteredEvents + " events, " + g.validDeadLetteredNeverApplied + " never applied)");
            }
            if (g.poisonFound < poisons.size()) {
                problems.add(g.group + " dead-lettered " + g.poisonFound + " of the " + poisons.size()
                        + " poison records");
            }
            if (g.effectsMissing > 0) {
                problems.add(g.group + " logged events as applied without their effect (" + g.effectsMissingDetail + ")");
            }
        }
        return problems;
    }

    void print(StringBuilder out) {
        int outboxEvents = records.outbox.size();
        long unsent = records.outbox.values().stream().filter(e -> !e.sent()).count();
        out.append(String.format("Outbox (order_service.outbox_event, this run's orders): %,d events, %,d unsent%n",
                outboxEvents, unsent));
        out.append(String.format("%n  %-52s %18s %18s%n", "", METRICS, AUDIT));
        row(out, "applied (outbox eventIds in processed_event)", g -> n(g.applied));
        row(out, "dead letters: poison (injected by this run)", g -> n(g.poisonDeadLetters));
        row(out, "dead letters: valid (anything else; must be 0)", g -> n(g.validDeadLetters));
        row(out, "  distinct events among them", g -> n(g.validDeadLetteredEvents));
        row(out, "  of those never applied", g -> n(g.validDeadLetteredNeverApplied));
        row(out, "lost (not applied, not dead-lettered)", g -> n(g.lost));
        row(out, "  of which never sent by the outbox relay", g -> n(g.lostUnsent));
        row(out, "applied twice", g -> g.appliedTwice == 0 ? "0" : g.appliedTwiceDetail);
        row(out, "logged as applied but effect missing", g -> g.effectsMissing == 0 ? "0" : g.effectsMissingDetail);
        row(out, "every poison record in the DLQ", g -> (g.poisonFound == poisons.size() ? "yes " : "NO ")
                + g.poisonFound + "/" + poisons.size());
        row(out, "  poison dead-lettered more than once", g -> n(g.poisonRepeated));
        row(out, "  poison with another reason than expected", g -> n(g.poisonUnexpectedReason));
        for (GroupFigures g : groups.values()) {
            if (!g.validReasons.isEmpty()) {
                out.append(String.format("%n  Reasons %s gave for valid events (count, reason):%n", g.group));
                g.validReasons.forEach((reason, count) -> out.append(String.format("    %,6d  %s%n", count, reason)));
            }
        }
        out.append(String.format("%nmetrics-consumer sales of this run's %d products       units          revenue   order sales%n",
                OrderLoad.PRODUCTS));
        sales(out, "  shown by metrics-consumer (product_sales)", salesShown);
        sales(out, "  implied by the events it applied", salesFromAppliedEvents);
        sales(out, "  implied by the orders in order_service", salesFromOrders);
        out.append(String.format("  orders whose status in metrics differs from order_service: %,d; unknown to metrics: %,d%n",
                metricsStatusMismatches, ordersUnknownToMetrics));
        out.append(String.format("audit-consumer: %,d audit entries for this run's orders%n", auditEntries));
    }

    private void row(StringBuilder out, String label, Function<GroupFigures, String> cell) {
        out.append(String.format("  %-52s %18s %18s%n", label, cell.apply(groups.get(METRICS)),
                cell.apply(groups.get(AUDIT))));
    }

    private static void sales(StringBuilder out, String label, Map<String, ProductFigures> figures) {
        ProductFigures total = total(figures);
        out.append(String.format("%-52s %,8d %,16.2f %,13d%n", label, total.units(), total.revenue(), total.orders()));
    }

    /** The figures every consumer shares: applied, dead letters, lost, poison. */
    private GroupFigures count(String group) {
        GroupFigures g = new GroupFigures(group);
        Set<String> outboxIds = records.outbox.keySet();
        Set<String> applied = records.processedByGroup.getOrDefault(group, List.of()).stream()
                .map(Processed::eventId).filter(outboxIds::contains).collect(Collectors.toSet());
        g.applied = applied.size();

        Map<String, Poison> poisonByKey = poisons.stream().collect(Collectors.toMap(Poison::key, p -> p));
        Map<String, Integer> poisonSeen = new HashMap<>();
        Set<String> validEvents = new HashSet<>();
        Map<String, Long> reasons = new TreeMap<>();
        for (DeadLetter deadLetter : records.deadLettersByGroup.getOrDefault(group, List.of())) {
            Poison poison = deadLetter.key() == null ? null : poisonByKey.get(deadLetter.key());
            if (poison != null) {
                g.poisonDeadLetters++;
                poisonSeen.merge(poison.key(), 1, Integer::sum);
                String reason = deadLetter.reason() == null ? "" : deadLetter.reason();
                if (!reason.startsWith(poison.kind().expectedReason.name())) {
                    g.poisonUnexpectedReason++;
                }
            } else {
                g.validDeadLetters++;
                if (deadLetter.eventId() != null) {
                    validEvents.add(deadLetter.eventId());
                }
                reasons.merge(abbreviate(deadLetter.reason()), 1L, Long::sum);
            }
        }
        g.validReasons = reasons.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .limit(5).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new));
        g.validDeadLetteredEvents = validEvents.size();
        g.validDeadLetteredNeverApplied = (int) validEvents.stream().filter(id -> !applied.contains(id)).count();
        g.poisonFound = poisonSeen.size();
        g.poisonRepeated = (int) poisonSeen.values().stream().filter(times -> times > 1).count();
        for (OutboxEvent event : records.outbox.values()) {
            if (!applied.contains(event.eventId()) && !validEvents.contains(event.eventId())) {
                g.lost++;
                if (!event.sent()) {
                    g.lostUnsent++;
                }
            }
        }
        return g;
    }

    /** Audit: one immutable entry per event, only for events of the outbox, and one for each event it logged. */
    private void countAudit(GroupFigures g) {
        long repeated = records.auditEntries.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
        long beyondOutbox = records.auditEntries.keySet().stream().filter(id -> !records.outbox.containsKey(id)).count();
        auditEntries = records.auditEntries.values().stream().mapToLong(Long::longValue).sum();
        g.appliedTwice = repeated + beyondOutbox;
        g.appliedTwiceDetail = String.format("%d events", g.appliedTwice);
        g.effectsMissing = records.processedByGroup.getOrDefault(AUDIT, List.of()).stream()
                .map(Processed::eventId)
                .filter(id -> records.outbox.containsKey(id) && !records.auditEntries.containsKey(id)).distinct()
                .count();
        g.effectsMissingDetail = String.format("%d events", g.effectsMissing);
    }

    /**
     * Metrics: its sales figures against what the events it logged as applied imply. An order counts with the state
     * of its highest applied sequence; a paid one adds its lines, anything else nothing.
     */
    private void countMetrics(GroupFigures g) {
        Map<String, Map<Long, String>> typeByOrderSequence = new HashMap<>();
        records.outbox.values().forEach(e -> typeByOrderSequence.computeIfAbsent(e.orderId(), id -> new HashMap<>())
                .put(e.sequence(), e.eventType()));
        Map<String, Long> highestApplied = new HashMap<>();
        for (Processed processed : records.processedByGroup.getOrDefault(METRICS, List.of())) {
            if (records.outbox.containsKey(processed.eventId())) {
                highestApplied.merge(processed.orderId(), processed.sequence(), Math::max);
            }
        }
        Set<String> paidByAppliedEvents = highestApplied.entrySet().stream()
                .filter(e -> "OrderPaid".equals(typeByOrderSequence.get(e.getKey()).get(e.getValue())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> paidInOrderService = records.orders.values().stream().filter(o -> "PAID".equals(o.status()))
                .map(RunRecords.Order::id).collect(Collectors.toSet());

        salesShown = records.productSales;
        salesFromAppliedEvents = salesOf(paidByAppliedEvents);
        salesFromOrders = salesOf(paidInOrderService);

        ProductFigures excess = ProductFigures.NONE;
        ProductFigures missing = ProductFigures.NONE;
        Set<String> products = new HashSet<>(salesShown.keySet());
        products.addAll(salesFromAppliedEvents.keySet());
        for (String product : products) {
            ProductFigures shown = salesShown.getOrDefault(product, ProductFigures.NONE);
            ProductFigures implied = salesFromAppliedEvents.getOrDefault(product, ProductFigures.NONE);
            excess = excess.plus(new ProductFigures(Math.max(0, shown.units() - implied.units()),
                    shown.revenue().subtract(implied.revenue()).max(BigDecimal.ZERO),
                    Math.max(0, shown.orders() - implied.orders())));
            missing = missing.plus(new ProductFigures(Math.max(0, implied.units() - shown.units()),
                    implied.revenue().subtract(shown.revenue()).max(BigDecimal.ZERO),
                    Math.max(0, implied.orders() - shown.orders())));
        }
        g.appliedTwice = isZero(excess) ? 0 : Math.max(1, excess.orders());
        g.appliedTwiceDetail = describe(excess, "+");
        g.effectsMissing = isZero(missing) ? 0 : Math.max(1, missing.orders());
        g.effectsMissingDetail = describe(missing, "-");

        for (RunRecords.Order order : records.orders.values()) {
            String status = records.metricsOrderStatus.get(order.id());
            if (status == null) {
                ordersUnknownToMetrics++;
            } else if (!status.equals(order.status())) {
                metricsStatusMismatches++;
            }
        }
    }

    /** Per product: units, revenue, and in how many orders it was sold (once per order, however many lines). */
    private Map<String, ProductFigures> salesOf(Set<String> paidOrders) {
        Map<String, ProductFigures> sales = new HashMap<>();
        for (String orderId : paidOrders) {
            Map<String, ProductFigures> ofOrder = new HashMap<>();
            for (Line line : records.linesByOrder.getOrDefault(orderId, List.of())) {
                ofOrder.merge(line.productId(), new ProductFigures(line.quantity(), line.total(), 0),
                        ProductFigures::plus);
            }
            ofOrder.forEach((product, figures) -> sales.merge(product,
                    new ProductFigures(figures.units(), figures.revenue(), 1), ProductFigures::plus));
        }
        return sales;
    }

    private static ProductFigures total(Map<String, ProductFigures> figures) {
        return figures.values().stream().reduce(ProductFigures.NONE, ProductFigures::plus);
    }

    private static boolean isZero(ProductFigures figures) {
        return figures.units() == 0 && figures.revenue().signum() == 0 && figures.orders() == 0;
    }

    private static String describe(ProductFigures figures, String sign) {
        return String.format("%s%d sales, %s%d units, %s%.2f", sign, figures.orders(), sign, figures.units(), sign,
                figures.revenue());
    }

    private static String n(long value) {
        return String.format("%,d", value);
    }

    private static String abbreviate(String reason) {
        if (reason == null) {
            return "(no reason header)";
        }
        // Ids differ per record: keep the part of the reason that tells the kind of failure.
        String general = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
        return general.length() > 150 ? general.substring(0, 150) + "..." : general;
    }
}
