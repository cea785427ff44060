import { GatewayConfig } from './config.schema';
import { ENVELOPE_BYTES, ServiceClient } from './service-client';

class FakeRpc {
  readonly sent: [string, object][] = [];
  request<T>(subject: string, payload: object): Promise<T> {
    this.sent.push([subject, payload]);
    return Promise.resolve({ ok: true } as T);
  }
}

function clientWith(maxPayload: number): { client: ServiceClient; rpc: FakeRpc } {
  const config = Object.assign(new GatewayConfig(), { NATS_MAX_PAYLOAD_BYTES: maxPayload });
  const rpc = new FakeRpc();
  return { client: new ServiceClient(rpc, config), rpc };
}

describe('ServiceClient', () => {
  const limit = 4096;
  /** A payload whose JSON is exactly `bytes` long. */
  const payloadOf = (bytes: number): object => ({ s: 'x'.repeat(bytes - '{"s":""}'.length) });

  it('forwards a request that fits under NATS max_payload with room for the envelope', async () => {
    const { client, rpc } = clientWith(limit);
    await expect(client.request('project.v1.create', payloadOf(limit - ENVELOPE_BYTES))).resolves.toEqual({
      ok: true,
    });
    expect(rpc.sent).toHaveLength(1);
  });

  it('answers 413 for a request NATS would refuse, without sending it', async () => {
    const { client, rpc } = clientWith(limit);
    await expect(
      client.request('project.v1.create', payloadOf(limit - ENVELOPE_BYTES + 1)),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(rpc.sent).toHaveLength(0);
  });

  it('counts bytes, not characters', async () => {
    const { client } = clientWith(limit);
    // 1,100 characters fit in 3,072 bytes of room, but as three-byte UTF-8 they take 3,300.
    await expect(client.request('s', { s: '€'.repeat(1100) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});
