import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shipyard:public';

/** Opts a route out of the API key guard. Only health probes use it; everything else needs a key. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
