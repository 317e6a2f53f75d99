#!/bin/bash
# Entry point of the production profile's Elasticsearch (service elasticsearch-secure): copy the HTTPS
# certificate and the file-realm users and roles made by secure-setup.sh into the config dir, then start
# Elasticsearch as the image does. See docs/security.md.
set -euo pipefail
SECURITY=/newsarchive/security
CONFIG=/usr/share/elasticsearch/config
mkdir -p "$CONFIG/newsarchive-tls"
cp "$SECURITY/http/http.crt" "$SECURITY/http/http.key" "$CONFIG/newsarchive-tls/"
cp "$SECURITY/ca/ca.crt" "$CONFIG/newsarchive-tls/ca.crt"
cp "$SECURITY/realm/users" "$SECURITY/realm/users_roles" "$SECURITY/roles.yml" "$CONFIG/"
chmod 0600 "$CONFIG/newsarchive-tls/http.key" "$CONFIG/users" "$CONFIG/users_roles"
exec /usr/local/bin/docker-entrypoint.sh "$@"
