// `npm start`: checks PostgreSQL, NATS and Redis, applies migrations, starts the eleven services as child
// processes with prefixed logs (more than one of a service with --replicas), waits until each answers its
// health subject, starts again a service that dies on its own, and stops them all on Ctrl-C, SIGTERM, or
// when one keeps crashing. The steps live in ./start/ so other commands (the demo) reuse them.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '@shipyard/shared/config';
import { describeExit, PlatformStartError, startPlatform, type RunningPlatform } from './start/platform';
import { watchParent } from './start/parent-watch';
import { instanceOf, parseReplicaCounts, parseServiceList } from './start/service-plan';
import { StartConfig } from './start/start.config';
import { formatSummary } from './start/summary';

// The health probes ride on Nest's NATS client, whose connection chatter would mix into the services' logs.
Logger.overrideLogger(false);

const say = (line: string): void => {
  process.stdout.write(`start | ${line}\n`);
};

function fail(message: string, code = 1): never {
  process.stderr.write(`start | ${message}\n`);
  process.exit(code);
}

let config: StartConfig;
let services: ReturnType<typeof parseServiceList>;
let replicas: ReturnType<typeof parseReplicaCounts>;
try {
  const { values } = parseArgs({
    options: { services: { type: 'string' }, replicas: { type: 'string' } },
    allowPositionals: false,
  });
  services = parseServiceList(values.services);
  replicas = parseReplicaCounts(values.replicas);
  config = parseConfig(StartConfig);
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error), 2);
}

// dist/tools/cli/start.js -> dist/
const distDir = fileURLToPath(new URL('../../', import.meta.url));
const startup = new AbortController();
let platform: RunningPlatform | undefined;
let stopping = false;

async function shutdown(reason: string, exitCode: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say(`${reason}: stopping services (SIGTERM, SIGKILL after ${config.STOP_GRACE_MS} ms)`);
  startup.abort();
  // Interrupted while starting: the aborted startup stops what it spawned itself before it settles.
  if (!platform) await starting.catch(() => undefined);
  const killed = (await platform?.stop()) ?? [];
  if (killed.length > 0) say(`had to SIGKILL: ${killed.join(', ')}`);
  say('all services stopped');
  process.exit(exitCode);
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // One Ctrl-C can arrive twice (directly and through the process group, as `timeout` or a process
    // manager sends it), so only a repeat a moment later is a person insisting.
    if (stopping && Date.now() - firstSignalAt < 1000) return;
    firstSignalAt = Date.now();
    // A second Ctrl-C while stopping means "now": no more grace period for anyone.
    if (stopping) {
      platform?.supervisor.killAll();
      fail(`${signal} again: killed every service without waiting`, 130);
    }
    void shutdown(`${signal} received`, 0);
  });
}

watchParent(() => void shutdown('the parent process (npm) exited', 1));

// Signal handlers above read this; no signal can be handled before this line has run (one synchronous turn).
const starting = startPlatform({
  config,
  distDir,
  services,
  replicas,
  env: {
    ...process.env,
    LOG_FORMAT: config.LOG_FORMAT,
    ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
  },
  stdout: process.stdout,
  stderr: process.stderr,
  colour: Boolean(process.stdout.isTTY),
  log: say,
  signal: startup.signal,
});
try {
  platform = await starting;
} catch (error) {
  if (stopping) await new Promise<never>(() => undefined);
  fail(
    error instanceof PlatformStartError
      ? error.message
      : `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}

const pids = new Map(
  platform.specs.map((spec) => [instanceOf(spec), platform?.supervisor.pidOf(instanceOf(spec))]),
);
process.stdout.write(
  `\n${formatSummary(platform.specs, pids, config.GATEWAY_PORT, config.RESTART_LIMIT)}\n\n`,
);

const crash = await platform.crashed;
const why =
  config.RESTART_LIMIT > 0
    ? `, after ${config.RESTART_LIMIT} restarts within a minute`
    : ' (RESTART_LIMIT=0)';
await shutdown(`${crash.instance} exited unexpectedly (${describeExit(crash)})${why}`, 1);
