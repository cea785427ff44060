// `npm run demo`: with PostgreSQL, NATS and Redis up, uses the running platform or starts it (like
// `npm start`, services' logs to a file), creates a tenant, a template and a project from a sample
// requirement, starts a run, prints its events live from the SSE endpoint and its final report, and
// stops what it started. Exit code 0 when the run COMPLETED, 1 otherwise, 2 on bad configuration.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceNames } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { DemoConfig } from './demo/demo.config';
import { platformEnv } from './demo/platform-env';
import { runDemo } from './demo/run-demo';
import { watchParent } from './start/parent-watch';
import { describeExit, ensurePlatform, PlatformStartError, type RunningPlatform } from './start/platform';

// The health probes ride on Nest's NATS client, whose connection chatter would mix into the run's lines.
Logger.overrideLogger(false);

const step = (line: string): void => {
  process.stdout.write(`demo | ${line}\n`);
};

let config: DemoConfig;
try {
  config = parseConfig(DemoConfig);
} catch (error) {
  process.stderr.write(`demo | ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

// dist/tools/cli/demo.js -> dist/
const distDir = fileURLToPath(new URL('../../', import.meta.url));
const interrupted = new AbortController();
let platform: RunningPlatform | undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    step(`${signal} received: stopping`);
    interrupted.abort();
  });
}
watchParent(() => interrupted.abort());

async function main(): Promise<number> {
  const logPath = join(tmpdir(), `shipyard-demo-${process.pid}.log`);
  const serviceLog = createWriteStream(logPath, { flags: 'a' });
  // Every service's stdout and stderr are piped into this one file: 22 pipes, each adding its listeners.
  serviceLog.setMaxListeners(ServiceNames.length * 2 * 2);
  const started = await ensurePlatform({
    config,
    distDir,
    services: ServiceNames,
    env: platformEnv(config, process.env),
    stdout: serviceLog,
    stderr: serviceLog,
    colour: false,
    log: (line) => step(line),
    signal: interrupted.signal,
  });
  if (started === 'already-running') {
    step(`the platform is already running; using it at ${config.gatewayUrl}`);
  } else {
    platform = started;
    step(
      `started the platform (${config.DEMO_MODEL === 'offline' ? 'offline model' : 'model from OPENAI_*'}); service logs in ${logPath}`,
    );
  }

  const crashed = new AbortController();
  void platform?.crashed.then((exit) => {
    step(
      `${exit.instance} exited unexpectedly and was not restarted (${describeExit(exit)}); see ${logPath}`,
    );
    crashed.abort();
  });
  try {
    const status = await runDemo(
      config,
      { step, line: (line) => process.stdout.write(`${line}\n`) },
      AbortSignal.any([interrupted.signal, crashed.signal]),
    );
    return status === 'COMPLETED' ? 0 : 1;
  } finally {
    if (platform) {
      step('stopping the services the demo started');
      const killed = await platform.stop();
      if (killed.length > 0) step(`had to SIGKILL: ${killed.join(', ')}`);
    }
    serviceLog.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A PlatformStartError already says what went wrong; anything else is unexpected and keeps its stack.
    const message =
      error instanceof PlatformStartError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`demo | failed: ${message}\n`);
    process.exit(1);
  },
);
