# Sourced by scripts/test.sh and bench scripts: starts an in-memory Azurite on free loopback ports
# (port 0; Azurite reports what it bound), exports AZURITE_CONNECTION_STRING and stops it on exit.
azurite_log=$(mktemp)
node_modules/.bin/azurite --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --loose \
  --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 \
  --tableHost 127.0.0.1 --tablePort 0 >"$azurite_log" 2>&1 &
azurite_pid=$!
trap 'kill $azurite_pid 2>/dev/null || true; rm -f "$azurite_log"' EXIT

azurite_port() { grep -oE "$1 service is successfully listening at http://127.0.0.1:[0-9]+" "$azurite_log" | grep -oE '[0-9]+$' || true; }
# Up to 120 s: a node cold start on a busy 2-core machine has taken over 30 s. Never go on without all three ports.
for _ in $(seq 1 1200); do
  [ -n "$(azurite_port Blob)" ] && [ -n "$(azurite_port Queue)" ] && [ -n "$(azurite_port Table)" ] && break
  kill -0 $azurite_pid 2>/dev/null || { cat "$azurite_log"; echo "Azurite failed to start" >&2; exit 1; }
  sleep 0.1
done
if [ -z "$(azurite_port Blob)" ] || [ -z "$(azurite_port Queue)" ] || [ -z "$(azurite_port Table)" ]; then
  cat "$azurite_log"; echo "Azurite did not report its ports within 120 s" >&2; exit 1
fi
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's public dev key
azurite_account=devstoreaccount1
export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$azurite_account;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:$(azurite_port Blob)/$azurite_account;QueueEndpoint=http://127.0.0.1:$(azurite_port Queue)/$azurite_account;TableEndpoint=http://127.0.0.1:$(azurite_port Table)/$azurite_account;"
echo "Azurite: blob $(azurite_port Blob), queue $(azurite_port Queue), table $(azurite_port Table)"
