#!/bin/bash
# MySQL init script of the order platform, for compose.yaml (bind-mounted) and Kubernetes (the mysql-init ConfigMap,
# generated from this file by kustomization.yaml). It lives under k8s/ because kustomize reads no file outside its
# root; compose.yaml mounts it from here, so there is one copy.
#
# The mysql image runs the files of /docker-entrypoint-initdb.d once, on the first start (empty data directory),
# as root over the local socket, before the server accepts network connections. This one creates one database per
# service and one user per service, named as its database, with rights on that database only: what the service
# needs to use it and Flyway needs to migrate it (the same grants as infra/local-stack DatabaseAccounts). Passwords
# come from the environment (ORDER_SERVICE_DB_PASSWORD, METRICS_CONSUMER_DB_PASSWORD, AUDIT_CONSUMER_DB_PASSWORD),
# made by infra/deploy/make-secrets.sh. Works whether the entrypoint sources it (mode 644, the default) or executes
# it: it only uses the mysql client and the environment, and sets no shell options.

sql_string() { # escapes a value for a single-quoted MySQL string literal
    local value=${1//\\/\\\\}
    printf '%s' "${value//\'/\'\'}"
}

service_sql() { # database, password
    cat <<EOSQL
CREATE DATABASE IF NOT EXISTS $1 CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$1'@'%' IDENTIFIED BY '$(sql_string "$2")';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON $1.* TO '$1'@'%';
EOSQL
}

{
    service_sql order_service "${ORDER_SERVICE_DB_PASSWORD:?ORDER_SERVICE_DB_PASSWORD is not set}"
    service_sql metrics_consumer "${METRICS_CONSUMER_DB_PASSWORD:?METRICS_CONSUMER_DB_PASSWORD is not set}"
    service_sql audit_consumer "${AUDIT_CONSUMER_DB_PASSWORD:?AUDIT_CONSUMER_DB_PASSWORD is not set}"
} | MYSQL_PWD="${MYSQL_ROOT_PASSWORD}" mysql --protocol=socket --socket="${SOCKET:-/var/run/mysqld/mysqld.sock}" -uroot
