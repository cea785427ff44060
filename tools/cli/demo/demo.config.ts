import { IsIn, IsOptional, Matches } from 'class-validator';
import { IntSetting } from '@shipyard/shared/config';
import { StartConfig } from '../start/start.config';

/**
 * What `npm run demo` reads: everything `npm start` does (it may start the platform the same way), plus
 * the demo's own knobs. Parsed once at start like every config here.
 */
export class DemoConfig extends StartConfig {
  /** The gateway to talk to; defaults to the one `npm start` would run on GATEWAY_PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'DEMO_GATEWAY_URL must look like http://host:port (no path)' })
  DEMO_GATEWAY_URL?: string;

  /** How long the run may take before the demo gives up on it (the run itself goes on). */
  @IntSetting(5_000, 3_600_000)
  DEMO_TIMEOUT_MS = 600_000;

  /**
   * `offline` (default) starts the services without OPENAI_* so every role runs on the deterministic
   * offline model; `env` passes the environment's OPENAI_* through. Only matters when the demo starts
   * the platform: a platform already running keeps whatever model it was started with.
   */
  @IsIn(['offline', 'env'])
  DEMO_MODEL: 'offline' | 'env' = 'offline';

  /** Simulated latency per offline model call when the demo starts the platform, so progress is watchable. */
  @IntSetting(0, 60_000)
  DEMO_OFFLINE_LATENCY_MS = 150;

  get gatewayUrl(): string {
    return this.DEMO_GATEWAY_URL ?? `http://127.0.0.1:${this.GATEWAY_PORT}`;
  }
}
