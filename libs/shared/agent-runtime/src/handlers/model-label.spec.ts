import { OFFLINE_LABEL } from '@shipyard/shared/llm';
import { modelLabel } from './model-label';

describe('modelLabel', () => {
  it('names the offline model with its fixed label', () => {
    expect(modelLabel({ provider: 'offline', model: 'shipyard-offline-1' }, [])).toBe(OFFLINE_LABEL);
  });

  it('names a real model by the version the endpoint reported, else the one requested', () => {
    const usage = [
      { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', promptTokens: 1, completionTokens: 1 },
    ];
    expect(modelLabel({ provider: 'openai', model: 'gpt-4o-mini' }, usage)).toBe(
      'openai model gpt-4o-mini-2024-07-18',
    );
    expect(modelLabel({ provider: 'openai', model: 'gpt-4o-mini' }, [])).toBe('openai model gpt-4o-mini');
  });
});
