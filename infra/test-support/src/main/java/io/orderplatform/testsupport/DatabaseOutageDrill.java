package io.orderplatform.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.opentest4j.TestAbortedException;

import io.orderplatform.localstack.LocalMariaDb;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The database outage every consumer service must ride out, as an operator would cause it: the database killed
 * (SIGKILL) or frozen (SIGSTOP) while events wait, held away for {@code outage}, then back. Throughout, the
 * service stays live and reports itself not ready; afterwards it resumes by itself within seconds, every waiting
 * event is applied (counted by the shared path's {@code order_events_applied_total}), and none is dead-lettered.
 */
public final class DatabaseOutageDrill {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageDrill.class);
    /** From the database's return to the first waiting event applied. */
    public static final Duration RESUMES_WITHIN = Duration.ofSeconds(10);

    /** How the database goes away. */
    public enum Fault {
        KILLED, FROZEN
    }

    private DatabaseOutageDrill() {
    }

    /**
     * @param waiting records of new events, produced once the database is away
     * @param deadLetterTopic the service group's dead-letter topic, which must get none of them
     */
    public static void run(KafkaCompanion companion, Fault fault, Duration outage,
            List<ProducerRecord<String, String>> waiting, String deadLetterTopic) {
        double appliedBefore = ServiceMetrics.value("order_events_applied_total");
        IntSupplier appliedCount = () -> (int) (ServiceMetrics.value("order_events_applied_total") - appliedBefore);
        LocalMariaDb database = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new TestAbortedException("This test stops the database: it needs the local one"));
        try {
            takeAway(database, fault);
            companion.produceStrings().fromRecords(waiting).awaitCompletion(Duration.ofSeconds(60));
            await("readiness DOWN").atMost(Duration.ofSeconds(60)).until(() -> readinessStatus() == 503);
            Instant away = Instant.now();
            await("live and not ready throughout the outage").during(outage).atMost(outage.plusSeconds(15))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> livenessStatus() == 200 && readinessStatus() == 503);
            assertThat(appliedCount.getAsInt()).as("events applied while the database was away").isZero();
            LOG.infof("Database %s for %d s", fault, Duration.between(away, Instant.now()).toSeconds());
        } finally {
            bringBack(database);
        }
        Instant back = Instant.now();
        await("consumption resumed").atMost(RESUMES_WITHIN).until(() -> appliedCount.getAsInt() > 0);
        LOG.infof("Consumption resumed %d ms after the database's return",
                Duration.between(back, Instant.now()).toMillis());
        await("every waiting event applied").atMost(Duration.ofSeconds(60))
                .until(() -> appliedCount.getAsInt() == waiting.size());
        await("readiness UP").atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
        assertThat(livenessStatus()).isEqualTo(200);
        Set<String> keys = keysOf(waiting);
        assertThat(TopicReader.readAllNow(companion, deadLetterTopic, r -> keys.contains(r.key())))
                .as("dead letters of valid events").isEmpty();
    }

    /** Brings the database back from any fault: for an {@code @AfterEach}, in case a test failed midway. */
    public static void bringBack() {
        TestInfrastructure.get().mariaDb().ifPresent(DatabaseOutageDrill::bringBack);
    }

    private static void bringBack(LocalMariaDb database) {
        database.thaw();
        if (!database.isRunning()) {
            database.start();
        }
    }

    /** Kills or freezes the local database; {@link #bringBack()} undoes either. */
    public static void takeAway(Fault fault) {
        takeAway(TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new TestAbortedException("This test stops the database: it needs the local one")),
                fault);
    }

    private static void takeAway(LocalMariaDb database, Fault fault) {
        switch (fault) {
            case KILLED -> database.kill();
            case FROZEN -> database.freeze();
        }
    }

    private static Set<String> keysOf(Collection<ProducerRecord<String, String>> records) {
        return Set.copyOf(records.stream().map(ProducerRecord::key).toList());
    }

    private static int readinessStatus() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }

    private static int livenessStatus() {
        return given().get("/q/health/live").then().extract().statusCode();
    }
}
