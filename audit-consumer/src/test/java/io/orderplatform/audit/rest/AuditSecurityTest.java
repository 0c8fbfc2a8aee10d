package io.orderplatform.audit.rest;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.ConsumerSecurityChecks;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call audit-consumer: audit:read for the audit trail, operator for the dead-letter API (checks in {@link ConsumerSecurityChecks}). */
@QuarkusTest
class AuditSecurityTest extends ConsumerSecurityChecks {

    AuditSecurityTest() {
        super("/audit/events", Roles.AUDIT_READ);
    }
}
