#!/usr/bin/env bash
# Creates the topics of kafka/topics.json on the cluster named by KAFKA_BOOTSTRAP_SERVERS, with
# io.orderplatform.localstack.TopicProvisioner, and exits 0 once they all exist.
#
# TopicProvisioner is idempotent: it creates only the missing topics, so this runs safely any number of times (the
# compose one-shot service, the Kubernetes Job, and the init containers of the Kubernetes Deployments).
#
# It retries: a broker that answers on its port may not have registered with the controller quorum yet, and a topic
# with replication factor 3 cannot be created until three brokers have (InvalidReplicationFactorException). Each
# attempt itself waits up to 120 s for the cluster (the provisioner's default.api.timeout.ms).
set -uo pipefail

: "${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS must name the Kafka cluster (host:port,...)}"
attempts="${TOPICS_MAX_ATTEMPTS:-30}"
delay="${TOPICS_RETRY_DELAY_SECONDS:-5}"

for ((attempt = 1; attempt <= attempts; attempt++)); do
    if java -cp '/opt/topics/lib/*' io.orderplatform.localstack.TopicProvisioner "$KAFKA_BOOTSTRAP_SERVERS"; then
        exit 0
    fi
    echo "Topics not created yet (attempt ${attempt}/${attempts}); retrying in ${delay}s" >&2
    sleep "$delay"
done
echo "Gave up creating the topics of kafka/topics.json on ${KAFKA_BOOTSTRAP_SERVERS}" >&2
exit 1
