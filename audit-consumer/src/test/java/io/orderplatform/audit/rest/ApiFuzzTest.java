package io.orderplatform.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.orderplatform.audit.AuditConsumerTestResources;
import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.DatabaseSnapshot;
import io.orderplatform.testsupport.fuzz.ApiFuzzer;
import io.orderplatform.testsupport.fuzz.ApiFuzzer.FuzzReport;
import io.orderplatform.testsupport.fuzz.FuzzTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile requests derived from the service's own OpenAPI document (see {@link ApiFuzzer}, seed printed, rerun
 * with -Dfuzz.seed=...): none is answered with a 5xx or not at all, none built to be refused is accepted, and
 * together they change nothing in the database.
 */
@QuarkusTest
class ApiFuzzTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void hostileRequestsAreRefusedWithoutServerErrorsAndChangeNothing() {
        DatabaseSnapshot before = DatabaseSnapshot.settled(AuditConsumerTestResources.DATABASE);

        FuzzReport report = ApiFuzzer.of(baseUri,
                FuzzTokens.of("audit-fuzz", Roles.AUDIT_READ, Roles.OPERATOR)).run();

        assertThat(report.findings()).withFailMessage(() -> report.describeFindings(20)).isEmpty();
        assertThat(DatabaseSnapshot.take(AuditConsumerTestResources.DATABASE).tablesChangedSince(before))
                .as("tables changed by requests the service refused").isEmpty();
    }
}
