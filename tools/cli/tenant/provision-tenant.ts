import {
  projectEntities,
  ProjectsStore,
  TenantProvisioner,
  type ProvisionedTenant,
} from '@shipyard/projects/data-access';
import { assertSchemaCurrent, createDataSource } from '@shipyard/shared/persistence';

/**
 * A new tenant and its first API key, for `npm run tenant:create` and the demo (tenants are an operator's
 * act, not an API call). The schema check comes first so a stale database fails with the migrations named.
 */
export async function provisionTenant(
  databaseUrl: string,
  name: string,
  applicationName: string,
): Promise<ProvisionedTenant> {
  const dataSource = createDataSource({
    url: databaseUrl,
    poolSize: 1,
    entities: projectEntities,
    applicationName,
  });
  await dataSource.initialize();
  try {
    await assertSchemaCurrent(dataSource);
    return await new TenantProvisioner(new ProjectsStore(dataSource)).provision(name);
  } finally {
    await dataSource.destroy();
  }
}
