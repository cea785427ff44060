import { Matches } from 'class-validator';

/** What the database CLIs (`npm run migrate`, `npm run tenant:create`) read from the environment. */
export class DatabaseCliConfig {
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, {
    message: 'DATABASE_URL must look like postgres://user@host:port/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shipyard';
}
