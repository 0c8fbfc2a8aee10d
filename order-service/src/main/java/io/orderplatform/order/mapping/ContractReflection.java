package io.orderplatform.order.mapping;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderSnapshot;
import io.orderplatform.contract.OrderStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract's types are written by Jackson through reflection (EventContract's own mapper, which Quarkus does not
 * see): a native image must keep their constructors and accessors.
 */
@RegisterForReflection(targets = { OrderEvent.class, OrderSnapshot.class, OrderLine.class, EventType.class,
        OrderStatus.class })
public final class ContractReflection {

    private ContractReflection() {
    }
}
