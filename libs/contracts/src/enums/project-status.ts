export const ProjectStatuses = ['DRAFT', 'READY', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ProjectStatus = (typeof ProjectStatuses)[number];
