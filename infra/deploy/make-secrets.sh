#!/usr/bin/env bash
# Makes the secrets of a deployment (Kafka's and the database's) (compose.yaml and k8s/) in infra/deploy/k8s/secrets/, which Git ignores:
# nothing secret is committed. Needs only a JDK (keytool); run it once, from anywhere, before the first
# `docker compose up` or `kubectl apply -k`:
#
#   infra/deploy/make-secrets.sh [namespace]      # namespace of the Kubernetes deployment, default order-platform
#
# It refuses to overwrite existing secrets (a running cluster knows the old ones): delete the folder to start over,
# together with the Kafka volumes (the SCRAM users are written into the storage when it is first formatted).
#
# What it makes:
#   kafka-ca.p12             the CA that signs the brokers' certificate (keep it out of the cluster; store it safely)
#   kafka-keystore.p12       the brokers' key and certificate (PKCS12), valid for the compose and Kubernetes names
#   keystore-password        that key store's password (the apache/kafka image reads it from a file)
#   kafka-truststore.pem     the CA certificate: the clients' PEM trust store (no password needed)
#   credentials/<principal>  a random password per principal: admin, broker, controller and the three services
#   database/<account>       a random password for MySQL's root and each service's own user (named as its database)
#   mysql.env                those passwords for MySQL's init script (compose env_file)
#   <service>.env            KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD and DB_USERNAME / DB_PASSWORD of that service
#                            (compose env_file)
#   admin-client.properties  Kafka client settings of the admin principal (the topics job, kafka-*.sh --command-config)
set -euo pipefail

namespace="${1:-order-platform}"
dir="$(cd "$(dirname "$0")" && pwd)/k8s/secrets"
if [ -e "$dir/credentials" ]; then
  echo "Secrets already exist in $dir: delete that folder (and the Kafka volumes) to make new ones." >&2
  exit 1
fi
keytool="keytool"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ]; then
  keytool="$JAVA_HOME/bin/keytool"
fi
command -v "$keytool" >/dev/null || { echo "keytool (a JDK) is needed" >&2; exit 1; }

umask 077
mkdir -p "$dir/credentials"

random_password() {
  # 32 letters and digits: nothing to escape in JAAS or in kafka-storage's --add-scram syntax.
  # (tr ends on SIGPIPE once head has its 32 characters: not an error.)
  LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 || true
}

for principal in admin broker controller order-service metrics-consumer audit-consumer; do
  random_password >"$dir/credentials/$principal"
done
random_password >"$dir/keystore-password"
export STORE_PASSWORD
STORE_PASSWORD="$(cat "$dir/keystore-password")"

# A CA, and a broker certificate it signs, for every name a client may use: the per-pod names of the headless
# Service and the bootstrap Service (Kubernetes), kafka-1..3 (compose network), localhost (published ports).
sans="dns:*.kafka-headless.${namespace}.svc,dns:*.kafka-headless.${namespace}.svc.cluster.local"
sans="$sans,dns:kafka-bootstrap,dns:kafka-bootstrap.${namespace}.svc,dns:kafka-1,dns:kafka-2,dns:kafka-3,dns:localhost"
"$keytool" -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=order-platform Kafka CA" \
  -ext bc:c -validity 3650 -storetype PKCS12 -keystore "$dir/kafka-ca.p12" -storepass:env STORE_PASSWORD
"$keytool" -exportcert -rfc -alias ca -storetype PKCS12 -keystore "$dir/kafka-ca.p12" -storepass:env STORE_PASSWORD \
  -file "$dir/kafka-truststore.pem"
"$keytool" -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -dname "CN=kafka, O=order-platform" \
  -validity 825 -storetype PKCS12 -keystore "$dir/kafka-keystore.p12" -storepass:env STORE_PASSWORD
"$keytool" -certreq -alias kafka -storetype PKCS12 -keystore "$dir/kafka-keystore.p12" -storepass:env STORE_PASSWORD \
  | "$keytool" -gencert -alias ca -storetype PKCS12 -keystore "$dir/kafka-ca.p12" -storepass:env STORE_PASSWORD \
      -ext "SAN=$sans" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth -validity 825 -rfc \
      >"$dir/kafka-signed.pem"
"$keytool" -importcert -noprompt -alias ca -storetype PKCS12 -keystore "$dir/kafka-keystore.p12" \
  -storepass:env STORE_PASSWORD -file "$dir/kafka-truststore.pem"
"$keytool" -importcert -alias kafka -storetype PKCS12 -keystore "$dir/kafka-keystore.p12" \
  -storepass:env STORE_PASSWORD -file "$dir/kafka-signed.pem"
rm "$dir/kafka-signed.pem"

# The database: MySQL's root and one user per service, named as its database (mysql/init-databases.sh).
mkdir -p "$dir/database"
for account in root order_service metrics_consumer audit_consumer; do
  random_password >"$dir/database/$account"
done
printf 'MYSQL_ROOT_PASSWORD=%s\nORDER_SERVICE_DB_PASSWORD=%s\nMETRICS_CONSUMER_DB_PASSWORD=%s\nAUDIT_CONSUMER_DB_PASSWORD=%s\n' \
  "$(cat "$dir/database/root")" "$(cat "$dir/database/order_service")" "$(cat "$dir/database/metrics_consumer")" \
  "$(cat "$dir/database/audit_consumer")" >"$dir/mysql.env"

for service in order-service metrics-consumer audit-consumer; do
  database="${service//-/_}"
  printf 'KAFKA_SASL_USERNAME=%s\nKAFKA_SASL_PASSWORD=%s\nDB_USERNAME=%s\nDB_PASSWORD=%s\n' "$service" \
    "$(cat "$dir/credentials/$service")" "$database" "$(cat "$dir/database/$database")" >"$dir/$service.env"
done
cat >"$dir/admin-client.properties" <<EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat "$dir/credentials/admin")";
ssl.truststore.type=PEM
ssl.truststore.location=/etc/kafka/tls/kafka-truststore.pem
EOF
# The folder stays private (0700: no other user of this machine can reach the files); the files themselves are
# readable by any user, because compose bind-mounts them into containers that run as other users (apache/kafka as
# appuser, the topics image as uid 185). Kubernetes copies them into Secrets and sets its own modes.
find "$dir" -type f -exec chmod 0644 {} +
echo "Kafka and database secrets written to $dir (namespace $namespace)."
