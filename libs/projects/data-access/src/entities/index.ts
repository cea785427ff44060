import { ApiKeyEntity } from './api-key.entity';
import { ArtifactEntity } from './artifact.entity';
import { CommentEntity } from './comment.entity';
import { ProjectEntity } from './project.entity';
import { ReplyEntity } from './reply.entity';
import { RunEntity } from './run.entity';
import { TaskEntity } from './task.entity';
import { TemplateVersionEntity } from './template-version.entity';
import { TemplateEntity } from './template.entity';
import { TenantEntity } from './tenant.entity';

export {
  ApiKeyEntity,
  ArtifactEntity,
  CommentEntity,
  ProjectEntity,
  ReplyEntity,
  RunEntity,
  TaskEntity,
  TemplateEntity,
  TemplateVersionEntity,
  TenantEntity,
};

/** Every entity of the tables project-service owns; hand these to createDataSource. */
export const projectEntities = [
  TenantEntity,
  ApiKeyEntity,
  TemplateEntity,
  TemplateVersionEntity,
  ProjectEntity,
  RunEntity,
  TaskEntity,
  CommentEntity,
  ReplyEntity,
  ArtifactEntity,
];
