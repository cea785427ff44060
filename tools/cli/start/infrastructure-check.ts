import { connect as connectNats } from '@nats-io/transport-node';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import pg from 'pg';
import { redactUrl } from '@shipyard/shared/observability';

export interface InfrastructureTarget {
  name: 'PostgreSQL' | 'NATS' | 'Redis';
  url: string;
  /** How to start it on our machines (NOTES.md), shown when it does not answer. */
  startCommand: string;
  probe: (url: string, timeoutMs: number) => Promise<void>;
}

export interface ProbeResult {
  target: InfrastructureTarget;
  error?: string;
}

/** PostgreSQL error "database does not exist": the server answered, and migrate creates the database. */
const UNDEFINED_DATABASE = '3D000';

async function probePostgres(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNDEFINED_DATABASE) throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeNats(url: string, timeoutMs: number): Promise<void> {
  const nc = await connectNats({
    servers: url,
    timeout: timeoutMs,
    reconnect: false,
    name: 'shipyard-start-probe',
  });
  await nc.flush();
  await nc.close();
}

/**
 * Sends PING over a plain socket and accepts any Redis reply: `+PONG`, or an error such as `-NOAUTH` from a
 * server that wants a password, still proves Redis answers (the services authenticate themselves). A raw
 * socket rather than ioredis because a failed ioredis connect keeps the process alive for seconds after.
 */
function probeRedis(url: string, timeoutMs: number): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const options = { host: hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(port || 6379) };
  return new Promise((resolve, reject) => {
    const socket =
      protocol === 'rediss:' ? tlsConnect({ ...options, servername: options.host }) : netConnect(options);
    let reply = '';
    const finish = (error?: Error): void => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('error', finish);
    socket.once(protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (!reply.includes('\r\n')) return;
      finish(
        /^[+-]/.test(reply)
          ? undefined
          : new Error(`not a Redis reply: ${JSON.stringify(reply.slice(0, 40))}`),
      );
    });
    socket.once('close', () => finish(new Error('connection closed without a reply')));
  });
}

export function infrastructureTargets(config: {
  DATABASE_URL: string;
  NATS_URL: string;
  REDIS_URL: string;
}): InfrastructureTarget[] {
  return [
    {
      name: 'PostgreSQL',
      url: config.DATABASE_URL,
      startCommand: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      probe: probePostgres,
    },
    {
      name: 'NATS',
      url: config.NATS_URL,
      startCommand:
        'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
      probe: probeNats,
    },
    {
      name: 'Redis',
      url: config.REDIS_URL,
      startCommand:
        'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
      probe: probeRedis,
    },
  ];
}

/** Probes every target at once and returns each with the reason it failed, if it did. */
export async function checkInfrastructure(
  targets: InfrastructureTarget[],
  timeoutMs = 3000,
): Promise<ProbeResult[]> {
  return Promise.all(
    targets.map(async (target) => {
      try {
        await target.probe(target.url, timeoutMs);
        return { target };
      } catch (error) {
        return { target, error: error instanceof Error ? error.message || error.name : String(error) };
      }
    }),
  );
}

/** The message a person needs when something is down: what, where, why, and the command that starts it. */
export function describeFailures(results: ProbeResult[]): string {
  return results
    .filter((result) => result.error !== undefined)
    .map(
      ({ target, error }) =>
        `  ${target.name} does not answer at ${redactUrl(target.url)} (${error}).\n    Start it with: ${target.startCommand}`,
    )
    .join('\n');
}
