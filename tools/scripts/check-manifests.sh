#!/usr/bin/env bash
# Renders the Kubernetes base with kustomize and checks it offline (tools/scripts/check-manifests.mjs), then
# checks docker-compose.yml (tools/scripts/check-compose.mjs). No cluster or Docker engine is needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
node_bin="node_modules/.bin/node"
[[ -x "$node_bin" ]] || node_bin="node"
command -v kubectl >/dev/null || { echo "kubectl is needed (kubectl kustomize renders k8s/base)" >&2; exit 1; }

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize k8s/base >"$rendered"
"$node_bin" tools/scripts/check-manifests.mjs "$rendered"
"$node_bin" tools/scripts/check-compose.mjs docker-compose.yml
