import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Metadata of a file a run produced; the content lives in the artifact store, addressed by its hash. */
@Entity({ name: 'artifacts' })
export class ArtifactEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text') kind!: string;
  @Column('text') path!: string;
  @Column('text', { name: 'content_hash' }) contentHash!: string;
  @Column('bigint', { name: 'size_bytes' }) sizeBytes!: string;
  @Column('text', { name: 'media_type' }) mediaType!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
