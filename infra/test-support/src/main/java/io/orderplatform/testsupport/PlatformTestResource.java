package io.orderplatform.testsupport;

import java.util.HashMap;
import java.util.Map;

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
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String database = "test";
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, database);
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.createDatabase(database);
        companion = new KafkaCompanion(infra.bootstrapServers());

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.datasource.reactive.url",
                "mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/" + database);
        config.put("quarkus.datasource.jdbc.url",
                "jdbc:mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/" + database);
        config.put("quarkus.datasource.username", infra.dbUser());
        config.put("quarkus.datasource.password", infra.dbPassword());
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
