package io.orderplatform.order;

import io.orderplatform.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka cluster (as principal {@code order-service}) and the database {@code order_service}. */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = {
                @ResourceArg(name = PlatformTestResource.DATABASE_ARG, value = OrderServiceTestResources.DATABASE),
                // The service's own Kafka principal: the whole suite proves its ACLs are enough.
                @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL_ARG, value = "order-service") })
public class OrderServiceTestResources {

    /** The database of this module's service, for tests that read it directly. */
    public static final String DATABASE = "order_service";
}
