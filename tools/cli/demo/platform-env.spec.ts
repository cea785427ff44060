import { parseConfig } from '@shipyard/shared/config';
import { DemoConfig } from './demo.config';
import { platformEnv } from './platform-env';

test('the offline model by default: model endpoints are not passed to the services', () => {
  const env = { OPENAI_API_KEY: 'sk-live', OPENAI_BASE_URL: 'https://api.example', PATH: '/bin' };
  const children = platformEnv(parseConfig(DemoConfig, {}), env);
  expect(children.OPENAI_API_KEY).toBeUndefined();
  expect(children.OPENAI_BASE_URL).toBeUndefined();
  expect(children.PATH).toBe('/bin');
  expect(children.OFFLINE_MODEL_LATENCY_MS).toBe('150');
  expect(children.LOG_FORMAT).toBe('json');
});

test('DEMO_MODEL=env keeps them, and an explicit latency wins', () => {
  const env = { OPENAI_API_KEY: 'sk-live', OFFLINE_MODEL_LATENCY_MS: '0' };
  const children = platformEnv(parseConfig(DemoConfig, { DEMO_MODEL: 'env' }), env);
  expect(children.OPENAI_API_KEY).toBe('sk-live');
  expect(children.OFFLINE_MODEL_LATENCY_MS).toBe('0');
});

test('the gateway URL defaults to the port npm start uses', () => {
  expect(parseConfig(DemoConfig, { GATEWAY_PORT: '3456' }).gatewayUrl).toBe('http://127.0.0.1:3456');
  expect(parseConfig(DemoConfig, { DEMO_GATEWAY_URL: 'http://gw:80' }).gatewayUrl).toBe('http://gw:80');
  expect(() => parseConfig(DemoConfig, { DEMO_MODEL: 'gpt' })).toThrow(/DEMO_MODEL/);
});
