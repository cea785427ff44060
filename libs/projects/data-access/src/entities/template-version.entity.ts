import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { RunConfig } from '@shipyard/contracts';

/** Immutable: a database trigger refuses any UPDATE of these rows. */
@Entity({ name: 'project_template_versions' })
export class TemplateVersionEntity {
  @PrimaryColumn('uuid', { name: 'template_id' }) templateId!: string;
  @PrimaryColumn('int') version!: number;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text') description!: string;
  @Column('jsonb') config!: RunConfig;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
