import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProjectStatus, RunConfigPatch } from '@shipyard/contracts';

@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text') requirements!: string;
  @Column('uuid', { name: 'template_id', nullable: true }) templateId!: string | null;
  @Column('int', { name: 'template_version', nullable: true }) templateVersion!: number | null;
  @Column('jsonb', { name: 'config_patch' }) configPatch!: RunConfigPatch;
  @Column('text') status!: ProjectStatus;
  @Column('uuid', { name: 'active_run_id', nullable: true }) activeRunId!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
