/**
 * An agent service process for the crash specs: the real bootstrapAgent (Nest, NATS, the job runtime)
 * for role qa with ModelTestHandler, configured from the environment like any agent. The specs run it with
 * a slow offline model and SIGKILL or SIGTERM it mid-job. Compiled by compileForChild; not part of the lib.
 */
import 'reflect-metadata';
import { bootstrapAgent } from '../bootstrap-agent';
import { AgentServiceConfig } from '../config/agent-service.config';
import { parseAgentConfig } from '../config/parse-agent-config';
import { exitOnStartupFailure } from '../exit-on-startup-failure';
import { ModelTestHandler } from './model-test.handler';

try {
  await bootstrapAgent({
    role: 'qa',
    handlers: [new ModelTestHandler()],
    config: parseAgentConfig(AgentServiceConfig),
  });
} catch (error) {
  exitOnStartupFailure('crash-agent', error);
}
