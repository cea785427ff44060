import type { PrepareDeployOutput } from '@shipyard/contracts';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { projectSlug } from './project-slug';

/** DevOps: a multi-stage Dockerfile running as non-root, a CI workflow and a Kubernetes deployment. */
export function prepareDeploy({ job }: GenerationContext): PrepareDeployOutput {
  const name = projectSlug(job);
  return {
    files: [
      {
        path: 'Dockerfile',
        content:
          `# Written by the ${OFFLINE_LABEL}.\nFROM node:24-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n` +
          'COPY . .\nRUN npm run build && npm prune --omit=dev\n\nFROM node:24-alpine\nWORKDIR /app\nENV NODE_ENV=production\n' +
          'COPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/index.js"]\n',
      },
      {
        path: '.github/workflows/ci.yml',
        content:
          `# Written by the ${OFFLINE_LABEL}.\nname: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n` +
          '    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n' +
          '      - run: npm ci\n      - run: npm test\n      - run: npm run build\n',
      },
      {
        path: 'deploy/k8s/deployment.yaml',
        content:
          `# Written by the ${OFFLINE_LABEL}.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 2\n` +
          `  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n` +
          `      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: ${name}\n          image: ${name}:latest\n` +
          '          resources:\n            requests: { cpu: 100m, memory: 128Mi }\n            limits: { cpu: 500m, memory: 256Mi }\n',
      },
    ],
  };
}
