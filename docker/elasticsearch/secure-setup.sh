#!/bin/bash
# One-shot security set-up of the production profile (docker-compose.yml, service es-secure-setup), run as
# root in the Elasticsearch image. Idempotent: what exists is kept. It makes
#   /newsarchive/security  (volume es-security, Elasticsearch only, owned by uid 1000):
#       ca/ca.crt ca/ca.key          a local CA (bin/elasticsearch-certutil ca)
#       http/http.crt http/http.key  the node's HTTPS certificate for elasticsearch-secure, localhost, 127.0.0.1
#       realm/users realm/users_roles  file-realm users with bcrypt hashes (bin/elasticsearch-users)
#       roles.yml                    the archive's roles, for NEWSARCHIVE_INDEX_PREFIX
#       admin.json                   the superuser newsarchive_admin, for an operator only
#       healthcheck.curlrc           the indexer's credentials for the container health check
#   /newsarchive/ca/ca.crt                                    (volume es-ca: the apps verify HTTPS with it)
#   /newsarchive/web-credentials/newsarchive_web.json         (volume es-web-credentials, mode 0600)
#   /newsarchive/indexer-credentials/newsarchive_indexer.json (volume es-indexer-credentials, mode 0600)
# The two credentials files belong to NEWSARCHIVE_APP_UID, the app image's user. See docs/security.md.
set -euo pipefail
umask 077

ES_HOME=/usr/share/elasticsearch
SECURITY=/newsarchive/security
CA_OUT=/newsarchive/ca
WEB_OUT=/newsarchive/web-credentials
INDEXER_OUT=/newsarchive/indexer-credentials
ES_UID=1000
APP_UID="${NEWSARCHIVE_APP_UID:-10001}"
PREFIX="${NEWSARCHIVE_INDEX_PREFIX:-}"
cd "$ES_HOME"
mkdir -p "$SECURITY" "$CA_OUT" "$WEB_OUT" "$INDEXER_OUT"

if [ ! -f "$SECURITY/ca/ca.crt" ]; then
  bin/elasticsearch-certutil ca --pem --silent --out /tmp/ca.zip
  unzip -q -o /tmp/ca.zip -d "$SECURITY" && rm /tmp/ca.zip
fi
if [ ! -f "$SECURITY/http/http.crt" ]; then
  bin/elasticsearch-certutil cert --pem --silent --name http --ca-cert "$SECURITY/ca/ca.crt" \
    --ca-key "$SECURITY/ca/ca.key" --dns elasticsearch-secure --dns localhost --ip 127.0.0.1 --out /tmp/http.zip
  unzip -q -o /tmp/http.zip -d "$SECURITY" && rm /tmp/http.zip
fi

# The roles: the same as newsarchive/esnode/security.py writes for the local node (tests/test_compose.py
# checks that they agree).
cat > "$SECURITY/roles.yml" <<ROLES
newsarchive_reader:
  cluster: ["cluster:monitor/health", "cluster:admin/analyze"]
  indices:
    - names: ["${PREFIX}articles*"]
      privileges: ["read", "view_index_metadata"]
newsarchive_writer:
  cluster: ["monitor", "cluster:admin/analyze"]
  indices:
    - names: ["${PREFIX}articles*"]
      privileges: ["read", "write", "create_index", "manage", "view_index_metadata"]
ROLES

new_password() { local raw; raw=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'); echo "${raw:0:32}"; }
credentials_json() { printf '{"username": "%s", "password": "%s"}\n' "$1" "$2"; }

if [ ! -f "$SECURITY/realm/users" ] || [ ! -f "$WEB_OUT/newsarchive_web.json" ] \
   || [ ! -f "$INDEXER_OUT/newsarchive_indexer.json" ] || [ ! -f "$SECURITY/admin.json" ]; then
  scratch=$(mktemp -d)
  cp -r config/. "$scratch/"
  : > "$scratch/users"
  : > "$scratch/users_roles"
  cp "$SECURITY/roles.yml" "$scratch/roles.yml"
  for entry in newsarchive_web:newsarchive_reader newsarchive_indexer:newsarchive_writer \
               newsarchive_admin:superuser; do
    user="${entry%%:*}"
    role="${entry#*:}"
    password=$(new_password)
    # The password goes in on stdin, never on a command line.
    printf '%s\n%s\n' "$password" "$password" \
      | ES_PATH_CONF="$scratch" bin/elasticsearch-users useradd "$user" -r "$role" >/dev/null
    case "$user" in
      newsarchive_web) credentials_json "$user" "$password" > "$WEB_OUT/newsarchive_web.json" ;;
      newsarchive_indexer)
        credentials_json "$user" "$password" > "$INDEXER_OUT/newsarchive_indexer.json"
        printf 'user = "%s:%s"\n' "$user" "$password" > "$SECURITY/healthcheck.curlrc" ;;
      newsarchive_admin) credentials_json "$user" "$password" > "$SECURITY/admin.json" ;;
    esac
  done
  mkdir -p "$SECURITY/realm"
  cp "$scratch/users" "$scratch/users_roles" "$SECURITY/realm/"
  rm -rf "$scratch"
fi

cp "$SECURITY/ca/ca.crt" "$CA_OUT/ca.crt"
chmod 0644 "$CA_OUT/ca.crt"
chmod 0755 "$CA_OUT"
chown -R "$ES_UID:0" "$SECURITY"
chown -R "$APP_UID" "$WEB_OUT" "$INDEXER_OUT"
chmod 0700 "$WEB_OUT" "$INDEXER_OUT"
chmod 0600 "$WEB_OUT/newsarchive_web.json" "$INDEXER_OUT/newsarchive_indexer.json"
echo "newsarchive: security material ready (CA, certificate, users; passwords only in the credentials volumes)"
