package io.orderplatform.metrics;

import io.orderplatform.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka cluster (as principal {@code metrics-consumer}) and the database {@code metrics_consumer}. */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = {
                @ResourceArg(name = PlatformTestResource.DATABASE_ARG, value = MetricsConsumerTestResources.DATABASE),
                // The service's own Kafka principal: the whole suite proves its ACLs are enough.
                @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL_ARG, value = "metrics-consumer") })
public class MetricsConsumerTestResources {

    /** The database of this module's service, for tests that read it directly. */
    public static final String DATABASE = "metrics_consumer";
}
