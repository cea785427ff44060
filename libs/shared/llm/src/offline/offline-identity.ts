/** How the offline model names itself in usage, prices and every text it writes. */
export const OFFLINE_PROVIDER = 'offline';
export const OFFLINE_MODEL = 'shipyard-offline-1';
/** Prefix of every sentence the offline model writes, so no reader mistakes it for a real model. */
export const OFFLINE_LABEL = `Shipyard offline model (${OFFLINE_MODEL})`;
