import { describe, expect, it } from 'vitest';
import {
  batchSummary,
  draftActions,
  foldStream,
  formToVoice,
  variableValues,
  voiceToForm,
  type ContentTemplate,
} from './content';

const template: ContentTemplate = {
  id: 'product-description-en',
  name: 'Product description',
  language: 'en',
  category: 'product',
  builtIn: true,
  output: { type: 'text' },
  variables: [
    { name: 'product', type: 'text', required: true },
    { name: 'features', type: 'list', required: true },
    { name: 'words', type: 'number', required: false },
    { name: 'tone', type: 'enum', required: false, options: ['calm'] },
  ],
};

describe('variable values', () => {
  it('types numbers and splits lists, leaving empty optional fields out', () => {
    const { values, problems } = variableValues(template, {
      product: ' Lamp ',
      features: 'warm light\nUSB-C, dimmable',
      words: '80',
      tone: '',
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({ product: 'Lamp', features: ['warm light', 'USB-C', 'dimmable'], words: 80 });
  });
  it('names missing and mistyped variables', () => {
    expect(variableValues(template, { features: '灯、电池', words: 'many' }).problems).toEqual(['product', 'words']);
  });
});

describe('streamed generation', () => {
  it('gathers tokens per variant and starts again after a retry', () => {
    const variants = foldStream([
      { type: 'token', variant: 0, attempt: 1, text: 'The ' },
      { type: 'token', variant: 1, attempt: 1, text: 'Once' },
      { type: 'token', variant: 0, attempt: 1, text: 'cheap' },
      { type: 'retry', variant: 0, attempt: 1 },
      { type: 'token', variant: 0, attempt: 2, text: 'A lamp' },
      { type: 'result', variants: [] },
    ]);
    expect(variants.map((v) => v.text)).toEqual(['A lamp', 'Once']);
    expect(variants[0].retries).toBe(1);
  });
});

describe('voice form', () => {
  it('round-trips glossary, banned words and length', () => {
    const voice = formToVoice({
      styleNotes: ' Warm ',
      glossary: 'sign in: log in, login\n登录：登陆',
      bannedWords: 'cheap\n\n竞品',
      readingLevel: 'simple',
      minWords: '',
      maxWords: '120',
    });
    expect(voice.glossary).toEqual([
      { preferred: 'sign in', insteadOf: ['log in', 'login'] },
      { preferred: '登录', insteadOf: ['登陆'] },
    ]);
    expect(voice.bannedWords).toEqual(['cheap', '竞品']);
    expect(voice.length).toEqual({ maxWords: 120 });
    expect(voiceToForm(voice).glossary).toBe('sign in: log in, login\n登录: 登陆');
  });
});

describe('batches and drafts', () => {
  it('counts finished rows', () => {
    const s = batchSummary({
      id: 'b',
      state: 'running',
      progress: 0.5,
      rows: 200,
      counts: { done: 90, flagged: 8, failed: 2, pending: 100 },
    });
    expect(s).toEqual({ finished: 100, percent: 50 });
  });
  it('offers the approval flow per state', () => {
    expect(draftActions('draft')).toEqual(['submit']);
    expect(draftActions('in_review')).toEqual(['approve', 'reject']);
    expect(draftActions('approved')).toEqual([]);
  });
});
