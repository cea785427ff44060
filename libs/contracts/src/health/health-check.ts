/** Every service answers `health.v1.<service>` so that operators and tests can see it is up. */
export const subjectFor = (service: string): string => `health.v1.${service}`;

export interface Reply {
  service: string;
  status: 'ok';
  uptimeSeconds: number;
}
