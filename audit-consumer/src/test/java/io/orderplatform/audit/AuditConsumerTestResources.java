package io.orderplatform.audit;

import io.orderplatform.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka cluster (as principal {@code audit-consumer}) and the database {@code audit_consumer}. */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = {
                @ResourceArg(name = PlatformTestResource.DATABASE_ARG, value = AuditConsumerTestResources.DATABASE),
                // The service's own Kafka principal: the whole suite proves its ACLs are enough.
                @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL_ARG, value = "audit-consumer") })
public class AuditConsumerTestResources {

    /** The database of this module's service, for tests that read it directly. */
    public static final String DATABASE = "audit_consumer";
}
