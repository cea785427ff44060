#!/bin/sh
# Starts what SERVICE names: one of the eleven services, or `migrate` for the one-shot schema migration.
# exec hands PID 1 to node, so SIGTERM from Docker or Kubernetes reaches the service's shutdown hooks.
set -eu
case "${SERVICE:-}" in
  run-orchestrator)
    # Its V8 flags are ServiceNodeFlags (libs/contracts/src/services.ts); service-plan.spec.ts checks they agree.
    exec node --enable-source-maps --max-semi-space-size=16 "/app/dist/apps/${SERVICE}/src/main.js" "$@" ;;
  gateway|project-service|artifact-service|agent-pm|agent-lead|agent-developer|agent-qa|agent-docs|agent-devops|agent-security)
    exec node --enable-source-maps "/app/dist/apps/${SERVICE}/src/main.js" "$@" ;;
  migrate)
    exec node --enable-source-maps /app/dist/tools/cli/migrate.js "$@" ;;
  *)
    echo "SERVICE must name a service (gateway, project-service, run-orchestrator, artifact-service, agent-pm," \
      "agent-lead, agent-developer, agent-qa, agent-docs, agent-devops, agent-security) or 'migrate'; got '${SERVICE:-}'" >&2
    exit 64 ;;
esac
