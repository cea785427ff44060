/**
 * Test helpers of the LLM layer, a separate entry so production code never imports them:
 * `import { FakeOpenAIServer } from '@shipyard/shared/llm/testing'` is not an alias yet; import
 * `libs/shared/llm/src/testing` by path until the alias is added to tsconfig.base.json.
 */
export * from './fake-openai-server';
