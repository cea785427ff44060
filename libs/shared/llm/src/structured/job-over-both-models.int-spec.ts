/**
 * One agent code path (buildJobPrompt + completeStructured + the kind's schema) against both models.
 * Real: the `openai` client over HTTP, the offline model, class-validator. Faked: the OpenAI endpoint
 * (FakeOpenAIServer on 127.0.0.1), which answers with what the offline model wrote for the same prompt.
 */
import { parseConfig } from '@shipyard/shared/config';
import type { RoleModelConfig } from '@shipyard/contracts';
import { createChatModel } from '../create-chat-model.factory';
import { LlmConfig } from '../llm.config';
import { JOB_OUTPUT_SCHEMAS } from '../outputs/job-output-schemas';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { FakeOpenAIServer } from '../testing';
import { completeStructured } from './complete-structured';

const role: RoleModelConfig = { provider: 'openai', model: 'gpt-4o', temperature: 0.2 };
const job = {
  role: 'lead' as const,
  kind: 'review' as const,
  attempt: 1,
  input: { task: { key: 'T1', title: 'Implement login', description: 'Users log in.' }, round: 1 },
};

describe('the same job over the offline model and an OpenAI endpoint', () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await FakeOpenAIServer.start({ apiKey: 'sk-both-models-test' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('gives the same validated output and usage of the model that answered', async () => {
    const prompt = buildJobPrompt(job);
    const offline = createChatModel(role, parseConfig(LlmConfig, {}));
    const offlineResult = await completeStructured(offline, prompt, JOB_OUTPUT_SCHEMAS.review);
    expect(offlineResult.usage[0]).toMatchObject({ provider: 'offline', model: 'shipyard-offline-1' });

    server.enqueue({
      type: 'completion',
      content: JSON.stringify(offlineResult.value),
      promptTokens: 700,
      completionTokens: 90,
    });
    const online = createChatModel(
      role,
      parseConfig(LlmConfig, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-both-models-test' }),
    );
    const onlineResult = await completeStructured(online, prompt, JOB_OUTPUT_SCHEMAS.review);
    expect(onlineResult.value).toEqual(offlineResult.value);
    expect(onlineResult.usage).toEqual([
      { provider: 'openai', model: 'gpt-4o', promptTokens: 700, completionTokens: 90 },
    ]);
  });

  it('sends the correction turn over HTTP when the first answer is unusable', async () => {
    server.enqueue(
      { type: 'completion', content: '{"approved": "yes"}' },
      { type: 'completion', content: '{"approved": true, "findings": []}' },
    );
    const online = createChatModel(
      role,
      parseConfig(LlmConfig, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-both-models-test' }),
    );
    const result = await completeStructured(online, buildJobPrompt(job), JOB_OUTPUT_SCHEMAS.review);
    expect(result).toMatchObject({ attempts: 2, value: { approved: true, findings: [] } });
    const retry = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    expect(retry.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(retry.messages[3]?.content).toContain('approved: approved must be a boolean value');
    expect(retry.messages[3]?.content).toMatch(/- findings: .*findings must be an array/);
  });
});
