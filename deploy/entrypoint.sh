#!/bin/sh
# Starts what SERVICE names: one of the eleven services, or `migrate` for the one-shot schema migration.
# exec hands PID 1 to node, so SIGTERM from Docker or Kubernetes reaches the service's shutdown hooks.
set -eu
case "${SERVICE:-}" in
  gateway|project-service|run-orchestrator|artifact-service|agent-pm|agent-lead|agent-developer|agent-qa|agent-docs|agent-devops|agent-security)
    exec node --enable-source-maps "/app/dist/apps/${SERVICE}/src/main.js" "$@" ;;
  migrate)
    exec node --enable-source-maps /app/dist/tools/cli/migrate.js "$@" ;;
  *)
    echo "SERVICE must name a service (gateway, project-service, run-orchestrator, artifact-service, agent-pm," \
      "agent-lead, agent-developer, agent-qa, agent-docs, agent-devops, agent-security) or 'migrate'; got '${SERVICE:-}'" >&2
    exit 64 ;;
esac
