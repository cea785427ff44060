/** Every service answers `health.v1.<service>` so that operators and tests can see it is up. */
export const subjectFor = (service: string): string => `health.v1.${service}`;

export interface Reply {
  service: string;
  status: 'ok';
  uptimeSeconds: number;
  /** The service's own dependencies (its database, say): 'down' means it cannot do its work now. */
  checks?: Record<string, 'up' | 'down'>;
}
