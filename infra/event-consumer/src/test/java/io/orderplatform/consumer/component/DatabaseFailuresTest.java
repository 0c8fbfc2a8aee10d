package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.CUSTOMER_THE_DATABASE_REFUSES;
import static io.orderplatform.consumer.component.ComponentFixtures.createdAndPaid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.consumer.BatchApplier;
import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.EventRecordReader;
import io.orderplatform.consumer.EventValue;
import io.orderplatform.consumer.FailureClassifier;
import io.orderplatform.consumer.FailureKind;
import io.orderplatform.localstack.LocalMariaDb;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.TestInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/**
 * Real failures of the real database, as Hibernate Reactive reports them, are classified as the shared path
 * needs: only data the database refuses can be a record's fault; the rest is systemic. And every call is bounded:
 * a frozen server fails a call within seconds instead of hanging it.
 */
@QuarkusTest
class DatabaseFailuresTest {

    /** The attempt timeout (30 s) plus margin: the longest an apply attempt may take against a frozen server. */
    private static final Duration BOUND = Duration.ofSeconds(35);

    @AfterEach
    void databaseBack() {
        DatabaseOutageDrill.bringBack();
    }

    @Test
    @RunOnVertxContext
    void dataTooLongForItsColumnIsDataRejected(UniAsserter asserter) {
        asserter.assertFailedWith(() -> Panache.withTransaction(() -> row(CUSTOMER_THE_DATABASE_REFUSES).persist()),
                failure -> assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureKind.DATA_REJECTED));
    }

    @Test
    @RunOnVertxContext
    void aMissingTableIsSystemic(UniAsserter asserter) {
        asserter.assertFailedWith(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT event_id FROM no_such_table").getResultList())),
                failure -> assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureKind.SYSTEMIC));
    }

    @Test
    @RunOnVertxContext
    void aDuplicateKeyFromAConcurrentWriterIsSystemic(UniAsserter asserter) {
        String eventId = UUID.randomUUID().toString();
        asserter.execute(() -> Panache.withTransaction(() -> row("first", eventId).persist()));
        asserter.assertFailedWith(() -> Panache.withTransaction(() -> row("second", eventId).persist()),
                failure -> assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureKind.SYSTEMIC));
    }

    @Inject
    BatchApplier applier;

    @Inject
    RecordingEffect effect;

    @Test
    @RunOnVertxContext
    void anApplyAttemptAgainstAFrozenServerFailsWithinItsBoundAsSystemic(UniAsserter asserter) {
        LocalMariaDb database = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new TestAbortedException("This test freezes the database: it needs the local one"));
        long[] startedAt = new long[1];
        asserter.execute(() -> {
            database.freeze();
            startedAt[0] = System.nanoTime();
        });
        ProducerRecord<String, String> record = OrderEventFixtures.record(createdAndPaid(1).get(0));
        ConsumedEvent event = EventRecordReader.read(record.key(),
                EventValue.read(record.value().getBytes(StandardCharsets.UTF_8)),
                record.headers(), record.topic(), 0, 0, Instant.now());
        asserter.assertFailedWith(() -> applier.applyOnce(List.of(event), effect), failure -> {
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt[0]);
            assertThat(took).isLessThan(BOUND);
            assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureKind.SYSTEMIC);
        });
        asserter.execute(database::thaw);
    }

    private static AppliedEvent row(String customerId) {
        return row(customerId, UUID.randomUUID().toString());
    }

    private static AppliedEvent row(String customerId, String eventId) {
        AppliedEvent row = new AppliedEvent();
        row.eventId = eventId;
        row.orderId = UUID.randomUUID().toString();
        row.customerId = customerId;
        return row;
    }
}
