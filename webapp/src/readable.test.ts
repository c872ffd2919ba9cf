import { describe, expect, it } from 'vitest';
import { declaredUnit, meterName } from './meters';
import { normalisePlugin, pluginText } from './plugins';
import { ALL, scopeOptions, toggleScope } from './scopes';
import { humanise, localized } from './components/SchemaForm';

const cs = normalisePlugin({
  id: 'customer-service',
  name: 'Customer service',
  description: 'Answers with citations.',
  translations: { zh: { name: '客户服务', description: '依据知识库作答。' } },
  meters: [{ name: 'questions_answered', unit: 'question', description: 'Questions answered' }],
  enabled: true,
});

describe('plugin texts', () => {
  it('uses the translation for the language, else the default', () => {
    expect(pluginText(cs, 'zh')).toEqual({ name: '客户服务', description: '依据知识库作答。' });
    expect(pluginText(cs, 'en')).toEqual({ name: 'Customer service', description: 'Answers with citations.' });
    const partial = normalisePlugin({ id: 'x', name: 'X', description: 'd', translations: { zh: { name: '某', description: null } } });
    expect(pluginText(partial, 'zh')).toEqual({ name: '某', description: 'd' });
    expect(pluginText(normalisePlugin({ id: 'bare' }), 'zh').name).toBe('bare');
  });
});

describe('meter names', () => {
  it('names platform meters in both languages and plugin meters by their description', () => {
    expect(meterName('embedding_tokens', 'en')).toBe('Embedding tokens');
    expect(meterName('embedding_tokens', 'zh')).toBe('向量化词元');
    expect(meterName('customer-service.questions_answered', 'en', [cs])).toBe('Customer service: Questions answered');
    expect(meterName('customer-service.questions_answered', 'zh', [cs])).toBe('客户服务: Questions answered');
    expect(meterName('customer-service.unknown', 'en', [cs])).toBe('customer-service.unknown');
    expect(meterName('mystery', 'en')).toBe('mystery');
    expect(meterName('probe.calls', 'en', [], 'Calls of the probe')).toBe('Calls of the probe');
  });

  it('names plugin meters in the reader\'s language when the plugin declares it, else in English', () => {
    const translated = normalisePlugin({
      ...cs,
      meters: [
        { name: 'questions_answered', unit: 'question', description: 'Questions answered', translations: { zh: '已回答的问题' } },
        { name: 'ingested_chars', unit: 'character', description: 'Characters ingested', translations: {} },
      ],
    });
    expect(meterName('customer-service.questions_answered', 'zh', [translated])).toBe('客户服务: 已回答的问题');
    expect(meterName('customer-service.questions_answered', 'en', [translated])).toBe('Customer service: Questions answered');
    expect(meterName('customer-service.ingested_chars', 'zh', [translated])).toBe('客户服务: Characters ingested');
  });

  it('knows the unit a plugin declares for its meter', () => {
    expect(declaredUnit('customer-service.questions_answered', [cs])).toBe('question');
    expect(declaredUnit('customer-service.unknown', [cs])).toBeUndefined();
    expect(declaredUnit('requests', [cs])).toBeUndefined();
  });
});

describe('scopes', () => {
  const page = {
    data: [
      { scope: '*', kind: 'all' },
      { scope: 'embeddings', kind: 'platform' },
      { scope: 'generation', kind: 'platform' },
      { scope: 'plugin:customer-service', kind: 'plugin', plugin: 'customer-service' },
      { nonsense: true },
    ],
  };
  it('lists the scopes the server exposes, plugins by display name', () => {
    const options = scopeOptions(page, [cs], 'zh');
    expect(options.map((o) => o.scope)).toEqual(['*', 'embeddings', 'generation', 'plugin:customer-service']);
    expect(options.map((o) => o.kind)).toEqual(['all', 'platform', 'platform', 'plugin']);
    expect(options[3].label).toBe('客户服务');
    expect(scopeOptions({}, [], 'en')).toEqual([]);
  });
  it('treats * as everything', () => {
    expect(toggleScope([ALL], 'embeddings', true)).toEqual(['embeddings']);
    expect(toggleScope(['embeddings', 'generation'], ALL, true)).toEqual([ALL]);
    expect(toggleScope(['embeddings', 'generation'], 'embeddings', false)).toEqual(['generation']);
    expect(toggleScope(['embeddings'], 'embeddings', true)).toEqual(['embeddings']);
  });
});

describe('settings labels', () => {
  const prop = { type: 'string', title: 'Hand-off message', 'x-title-zh': '转人工提示', description: 'Shown to the customer' };
  it('reads x-title-zh and falls back to the title', () => {
    expect(localized(prop, 'title', 'zh')).toBe('转人工提示');
    expect(localized(prop, 'title', 'en')).toBe('Hand-off message');
    expect(localized(prop, 'description', 'zh')).toBe('Shown to the customer');
  });
  it('makes a readable label of a bare property name', () => {
    expect(humanise('topK')).toBe('Top k');
    expect(humanise('handoffMessageZh')).toBe('Handoff message zh');
    expect(humanise('max_batch')).toBe('Max batch');
  });
});
