import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgentRole, TaskStatus } from '@shipyard/contracts';

@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('uuid', { name: 'parent_task_id', nullable: true }) parentTaskId!: string | null;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('uuid', { name: 'depends_on', array: true }) dependsOn!: string[];
  @Column('jsonb', { name: 'acceptance_criteria' }) acceptanceCriteria!: string[];
  @Column('text') status!: TaskStatus;
  @Column('text', { name: 'assigned_role', nullable: true }) assignedRole!: AgentRole | null;
  @Column('text', { name: 'assigned_agent_id', nullable: true }) assignedAgentId!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
