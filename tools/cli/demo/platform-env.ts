import type { DemoConfig } from './demo.config';

/** Variables that would point the agents at a real model endpoint. */
const LLM_ENDPOINT_VARIABLES = ['OPENAI_API_KEY', 'OPENAI_BASE_URL'];

/**
 * The environment for services the demo starts: the caller's, quieter logs (they go to a file, the
 * terminal is for the run), and, unless DEMO_MODEL=env, no model endpoint, so every role runs on the
 * offline model whatever the caller's shell exports.
 */
export function platformEnv(config: DemoConfig, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const children: NodeJS.ProcessEnv = {
    ...env,
    LOG_FORMAT: 'json',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    OFFLINE_MODEL_LATENCY_MS: env.OFFLINE_MODEL_LATENCY_MS ?? String(config.DEMO_OFFLINE_LATENCY_MS),
  };
  if (config.DEMO_MODEL === 'offline') for (const name of LLM_ENDPOINT_VARIABLES) delete children[name];
  return children;
}
