export * as CreateTemplate from './create-template';
export * as CreateTemplateVersion from './create-template-version';
export * as GetTemplate from './get-template';
export * as GetTemplateVersion from './get-template-version';
export * as ListTemplateVersions from './list-template-versions';
export * as ListTemplates from './list-templates';
export * from './template.view';
