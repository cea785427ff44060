import type { Writable } from 'node:stream';
import type pg from 'pg';

/** A statement: its text (or a name and text, prepared once per connection) and parameters. */
export interface NamedSql {
  name: string;
  text: string;
}

export const configOf = (sql: string | NamedSql, values: unknown[]): pg.QueryConfig =>
  typeof sql === 'string' ? { text: sql, values } : { name: sql.name, text: sql.text, values };

/** SQLSTATE of a statement refused because an earlier one aborted the transaction. */
const IN_FAILED_TRANSACTION = '25P02';

interface Held {
  config: pg.QueryConfig;
  settle: (answer: Promise<pg.QueryResult>) => void;
}

/**
 * One unit's transaction on a pipelining pg connection, paying as few round trips AND as few socket writes
 * as it can (a write is a system call, ~0.1-0.2 ms of CPU on our VMs: measured as a fifth of a step's CPU):
 *
 * - statements are written when the step next waits, not one by one: the socket is corked when one is issued
 *   and uncorked on `process.nextTick`, which Node runs only once the promise continuations queued so far
 *   have all run, i.e. when the step blocks. Everything issued up to then shares one write;
 * - BEGIN is not sent alone: it goes out with the unit's first statement;
 * - `send` (a write whose answer the step does not wait for) is issued at once and the step carries on;
 * - during the commit phase, sends are held and then issued together with the COMMIT;
 * - a unit that issued nothing sends nothing, not even BEGIN.
 *
 * A failed statement aborts the transaction; PostgreSQL then answers the COMMIT behind it with ROLLBACK,
 * so `commit` reports the first failure among everything sent.
 */
export class UnitConnection {
  private begun = false;
  private corkedUntilTick = false;
  private held: Held[] | null = null;
  private readonly sent: Promise<unknown>[] = [];

  constructor(readonly client: pg.PoolClient) {}

  /** A statement whose answer the caller waits for. */
  async query<Row>(sql: string | NamedSql, params: unknown[]): Promise<Row[]> {
    const result = await this.issue(configOf(sql, params));
    return result.rows as Row[];
  }

  /** A statement whose answer nobody waits for before the COMMIT (which fails if it failed). */
  send<Row>(sql: string | NamedSql, params: unknown[]): Promise<Row[]> {
    const config = configOf(sql, params);
    let answer: Promise<pg.QueryResult>;
    if (this.held) {
      const held = this.held;
      answer = new Promise((resolve) => held.push({ config, settle: resolve }));
    } else {
      answer = this.issue(config);
    }
    const rows = answer.then((result) => result.rows as Row[]);
    this.sent.push(rows);
    // Handled here so a failure nobody reads is not an unhandled rejection; `commit` reports it.
    rows.catch(() => undefined);
    return rows;
  }

  /** From here on sends are held, to go out with the COMMIT. */
  beginCommitPhase(): void {
    this.held = [];
  }

  /** Sends what is held and the COMMIT in one write, then waits for every answer. */
  async commit(): Promise<void> {
    const held = this.held ?? [];
    this.held = null;
    if (!this.begun && held.length === 0) return;
    let commit: Promise<pg.QueryResult> | undefined;
    this.corked(() => {
      this.beginIfNeeded();
      for (const h of held) h.settle(this.client.query(h.config));
      commit = this.client.query('COMMIT');
    });
    const failure = (await Promise.allSettled(this.sent)).find((r) => r.status === 'rejected');
    const done = await (commit as Promise<pg.QueryResult>);
    if (failure) throw failure.reason;
    if (done.command !== 'COMMIT') throw new Error(`unit ended in ${done.command} instead of COMMIT`);
  }

  /**
   * After a failure: every answer is in (nothing left on the wire), then ROLLBACK if anything began.
   * Returns the error to report: a statement that waited behind a failed send was only told "current
   * transaction is aborted" (25P02); the send's own failure is the cause, and is what the unit throws.
   */
  async rollback(error: unknown): Promise<unknown> {
    const held = this.held ?? [];
    this.held = null;
    for (const h of held) h.settle(Promise.reject(new Error('unit rolled back before this was sent')));
    const settled = await Promise.allSettled(this.sent);
    if (this.begun) await this.client.query('ROLLBACK').catch(() => undefined);
    const cause = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as unknown;
    const aborted = (error as { code?: string } | null)?.code === IN_FAILED_TRANSACTION;
    return aborted && cause !== undefined ? cause : error;
  }

  private issue(config: pg.QueryConfig): Promise<pg.QueryResult> {
    // A statement that waits for its answer must come after the held ones: it may read what they write.
    const held = this.held ?? [];
    if (this.held) this.held = [];
    let answer: Promise<pg.QueryResult> | undefined;
    this.corked(() => {
      this.beginIfNeeded();
      for (const h of held) h.settle(this.client.query(h.config));
      answer = this.client.query(config);
    });
    return answer as Promise<pg.QueryResult>;
  }

  private beginIfNeeded(): void {
    if (this.begun) return;
    this.begun = true;
    this.sent.push(this.client.query('BEGIN'));
  }

  /**
   * Statements issued inside `fn` (pg submits them synchronously in pipeline mode) are held in the socket
   * until the current run of promise continuations is over (see the class comment).
   */
  private corked(fn: () => void): void {
    const stream = (this.client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
    if (stream && !this.corkedUntilTick) {
      this.corkedUntilTick = true;
      stream.cork();
      process.nextTick(() => {
        this.corkedUntilTick = false;
        stream.uncork();
      });
    }
    fn();
  }
}
