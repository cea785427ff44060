import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { BudgetConfig, RunConfig, RunStatus } from '@shipyard/contracts';

/** `configSnapshot` is frozen: a database trigger refuses to change it. Counters arrive as strings (bigint). */
@Entity({ name: 'project_runs' })
export class RunEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('text') status!: RunStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column({ type: 'jsonb', name: 'config_snapshot', update: false }) configSnapshot!: RunConfig;
  /** Set by a resume that changed the budget (run-events' applyRunCommand); never written through the entity. */
  @Column({ type: 'jsonb', name: 'budget_override', nullable: true, insert: false, update: false })
  budgetOverride!: BudgetConfig | null;
  @Column('bigint', { name: 'prompt_tokens' }) promptTokens!: string;
  @Column('bigint', { name: 'completion_tokens' }) completionTokens!: string;
  @Column('bigint', { name: 'total_tokens' }) totalTokens!: string;
  @Column('numeric', { name: 'cost_usd' }) costUsd!: string;
  @Column('jsonb', { name: 'final_report', nullable: true }) finalReport!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
