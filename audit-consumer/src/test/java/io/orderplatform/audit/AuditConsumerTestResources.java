package io.orderplatform.audit;

import io.orderplatform.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka cluster and the database {@code audit_consumer}. */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = PlatformTestResource.DATABASE_ARG, value = "audit_consumer"))
public class AuditConsumerTestResources {
}
