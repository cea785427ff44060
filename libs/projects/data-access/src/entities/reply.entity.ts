import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AuthorRole } from '@shipyard/contracts';

@Entity({ name: 'replies' })
export class ReplyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'comment_id' }) commentId!: string;
  @Column('uuid', { name: 'parent_reply_id', nullable: true }) parentReplyId!: string | null;
  @Column('text', { name: 'author_role' }) authorRole!: AuthorRole;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('text') body!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
