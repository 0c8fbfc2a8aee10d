package io.orderplatform.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.orderplatform.contract.Topics;

/**
 * What each service's principal may do on the cluster (the StandardAuthorizer denies everything else). Literal
 * names only: no prefix lets a service reach a topic or group added later.
 * <ul>
 * <li>{@code order-service}: Write and Describe on {@code order-events}, IdempotentWrite on the cluster.</li>
 * <li>{@code metrics-consumer} / {@code audit-consumer}: Read and Describe on {@code order-events}; Read, Write and
 * Describe on their own dead-letter topic (dead-letter producers write it, the dead-letter index reads it) and on
 * their own redrive topic (the redrive API writes it, a channel reads it); Read on their own three groups
 * ({@code <service>} for order-events, {@code <service>-dead-letters} for the index, {@code <service>-redrive} for
 * the redrive topic). Their idempotent producers need no IdempotentWrite: Write on a topic allows that (KIP-679).</li>
 * </ul>
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    /** Every ACL of the platform's service principals. */
    public static List<AclBinding> all() {
        List<AclBinding> acls = new ArrayList<>();
        String order = "User:order-service";
        acls.add(allow(order, topic(Topics.ORDER_EVENTS), AclOperation.WRITE));
        acls.add(allow(order, topic(Topics.ORDER_EVENTS), AclOperation.DESCRIBE));
        acls.add(allow(order, new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.IDEMPOTENT_WRITE));
        acls.addAll(consumer("metrics-consumer", Topics.METRICS_DLQ, Topics.METRICS_REDRIVE));
        acls.addAll(consumer("audit-consumer", Topics.AUDIT_DLQ, Topics.AUDIT_REDRIVE));
        return acls;
    }

    /** Creates the ACLs (creating an existing one again changes nothing). */
    public static void apply(Admin admin) {
        try {
            admin.createAcls(all()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the Kafka ACLs", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<AclBinding> consumer(String service, String dlq, String redrive) {
        String principal = "User:" + service;
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, topic(Topics.ORDER_EVENTS), operation));
        }
        for (String topic : List.of(dlq, redrive)) {
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
                acls.add(allow(principal, topic(topic), operation));
            }
        }
        for (String group : List.of(service, service + "-dead-letters", service + "-redrive")) {
            acls.add(allow(principal, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
                    AclOperation.READ));
        }
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
