#!/bin/bash
# MySQL init script of the order platform, for compose.yaml (bind-mounted) and Kubernetes (the mysql-init ConfigMap,
# generated from this file by kustomization.yaml). It lives under k8s/ because kustomize reads no file outside its
# root; compose.yaml mounts it from here, so there is one copy.
#
# The mysql image runs the files of /docker-entrypoint-initdb.d once, on the first start (empty data directory),
# as root over the local socket, before the server accepts network connections. This one creates:
#   - one database per service: each service owns its schema and runs its own Flyway migrations at start;
#   - one application user, APP_DB_USERNAME / APP_DB_PASSWORD (the services' DB_USERNAME / DB_PASSWORD), with all
#     privileges on exactly those three databases and nothing else.
# Works whether the entrypoint sources it (mode 644, the default) or executes it: it only uses the mysql client and
# the environment, and sets no shell options.

sql_string() { # escapes a value for a single-quoted MySQL string literal
    local value=${1//\\/\\\\}
    printf '%s' "${value//\'/\'\'}"
}

app_user=$(sql_string "${APP_DB_USERNAME:?APP_DB_USERNAME is not set}")
app_password=$(sql_string "${APP_DB_PASSWORD:?APP_DB_PASSWORD is not set}")

MYSQL_PWD="${MYSQL_ROOT_PASSWORD}" mysql --protocol=socket --socket="${SOCKET:-/var/run/mysqld/mysqld.sock}" -uroot <<EOSQL
CREATE DATABASE IF NOT EXISTS order_service CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS metrics_consumer CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS audit_consumer CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '${app_user}'@'%' IDENTIFIED BY '${app_password}';
GRANT ALL PRIVILEGES ON order_service.* TO '${app_user}'@'%';
GRANT ALL PRIVILEGES ON metrics_consumer.* TO '${app_user}'@'%';
GRANT ALL PRIVILEGES ON audit_consumer.* TO '${app_user}'@'%';
EOSQL
