import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AuthorRole, CommentType } from '@shipyard/contracts';

@Entity({ name: 'task_comments' })
export class CommentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('text', { name: 'comment_type' }) commentType!: CommentType;
  @Column('text', { name: 'author_role' }) authorRole!: AuthorRole;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('text') body!: string;
  @Column('jsonb') metrics!: Record<string, unknown>;
  @Column('text', { array: true }) blockers!: string[];
  @Column('text', { name: 'next_steps', array: true }) nextSteps!: string[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
