#!/usr/bin/env bash
# Starts a KRaft node of the apache/kafka image with SASL_SSL on every listener (compose.yaml and k8s/kafka.yaml run
# it; the per-node KAFKA_NODE_ID, KAFKA_CONTROLLER_QUORUM_VOTERS and KAFKA_ADVERTISED_LISTENERS are set before).
#
# Reads the secrets made by infra/deploy/make-secrets.sh, mounted as files:
#   /etc/kafka/secrets      kafka-keystore.p12, keystore-password, kafka-truststore.pem
#   /etc/kafka/credentials  one file per principal with its password (admin, broker, controller, the three services)
# and turns them into the image's KAFKA_* variables (each becomes a server property) here, so that no secret is
# written into compose.yaml or a manifest.
#
# On the node's first start it formats the storage itself, with a SCRAM-SHA-512 user per principal
# (kafka-storage format --add-scram): the image's own format step then finds the storage formatted and goes on.
set -euo pipefail

secrets=/etc/kafka/secrets
credentials=/etc/kafka/credentials
password() {
  cat "$credentials/$1"
}

export KAFKA_SSL_KEYSTORE_TYPE=PKCS12
export KAFKA_SSL_KEYSTORE_LOCATION="$secrets/kafka-keystore.p12"
KAFKA_SSL_KEYSTORE_PASSWORD="$(cat "$secrets/keystore-password")"
export KAFKA_SSL_KEYSTORE_PASSWORD
export KAFKA_SSL_KEY_PASSWORD="$KAFKA_SSL_KEYSTORE_PASSWORD"
# The nodes are also clients of each other (replication, the controller quorum): they trust the same CA as the services.
export KAFKA_SSL_TRUSTSTORE_TYPE=PEM
export KAFKA_SSL_TRUSTSTORE_LOCATION="$secrets/kafka-truststore.pem"

# Controller listener: SASL PLAIN over TLS (KRaft controllers cannot authenticate with SCRAM: its credentials live in
# the metadata they serve). One user, "controller", which every node accepts and logs in as.
controller_password="$(password controller)"
export KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"controller\" password=\"$controller_password\" user_controller=\"$controller_password\";"
# Broker listeners: SCRAM-SHA-512 over TLS; the nodes replicate as the "broker" super user. (The image turns ___ into
# - and _ into . : LISTENER_NAME_INTERNAL_SCRAM___SHA___512_... is listener.name.internal.scram-sha-512....)
broker_jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"$(password broker)\";"
export KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG="$broker_jaas"
if [[ "${KAFKA_LISTENERS:-}" == *EXTERNAL://* ]]; then
  export KAFKA_LISTENER_NAME_EXTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG="$broker_jaas"
fi

# First start only (--ignore-formatted): the storage with the cluster's SCRAM users. A minimal configuration is enough
# to format; the node itself runs with the image's full one. (The passwords are on this command line for the moment
# it runs, inside this container only.)
format_config="$(mktemp)"
cat >"$format_config" <<EOF
process.roles=${KAFKA_PROCESS_ROLES}
node.id=${KAFKA_NODE_ID}
controller.quorum.voters=${KAFKA_CONTROLLER_QUORUM_VOTERS}
controller.listener.names=CONTROLLER
listeners=INTERNAL://:9092,CONTROLLER://:9093
listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
log.dirs=${KAFKA_LOG_DIRS}
EOF
scram=()
for principal in admin broker order-service metrics-consumer audit-consumer; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(password "$principal")]")
done
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" -c "$format_config" "${scram[@]}"
rm -f "$format_config"

exec /etc/kafka/docker/run
