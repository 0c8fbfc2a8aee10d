package io.orderplatform.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.orderplatform.localstack.DatabaseAccount;
import io.orderplatform.localstack.KafkaSecurity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Points a Quarkus application under test at the real Kafka cluster and database of {@link TestInfrastructure},
 * in a database of its own (init arg {@code database}), and at the JVM's token signing key ({@link Tokens}), and
 * fills {@code @InjectKafkaCompanion} fields.
 * <p>
 * Declare it once per module, on any test class, as
 * {@code @QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "..."))}:
 * it then applies to every test of the module, and the cluster starts once per JVM whatever Quarkus restarts.
 * <p>
 * Init arg {@code kafka-principal}: the Kafka principal the application logs in as, its own service's (so the tests
 * prove its ACLs suffice); {@code admin} if not given. The injected {@link KafkaCompanion} is always {@code admin}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String KAFKA_PRINCIPAL_ARG = "kafka-principal";

    private String database = "test";
    private String kafkaPrincipal = KafkaSecurity.ADMIN;
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, database);
        kafkaPrincipal = initArgs.getOrDefault(KAFKA_PRINCIPAL_ARG, kafkaPrincipal);
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        // The application runs as its own database user, with rights on its own database only, as in production.
        DatabaseAccount account = infra.provisionDatabase(database);
        companion = new KafkaCompanion(infra.bootstrapServers());
        // The companion's admin, producers and consumers log in as the super user: tests set up and inspect anything.
        companion.setCommonClientConfig(new HashMap<>(infra.kafkaClientConfig()));

        // kafka.bootstrap.servers and, with the local cluster, kafka.security.protocol, kafka.sasl.* and
        // kafka.ssl.truststore.*: the service's own principal, for every channel and dead-letter producer.
        Map<String, String> config = new HashMap<>(infra.kafkaServiceConfig(kafkaPrincipal));
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.datasource.reactive.url",
                "mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/" + database);
        config.put("quarkus.datasource.jdbc.url",
                "jdbc:mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/" + database);
        config.put("quarkus.datasource.username", account.user());
        config.put("quarkus.datasource.password", account.password());
        // Bearer tokens verified against this JVM's key pair, read as a JWKS document (what an OIDC provider serves).
        config.putAll(infra.identity().verificationConfig());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
    }
}
