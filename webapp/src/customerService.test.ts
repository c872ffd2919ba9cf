import { describe, expect, it } from 'vitest';
import {
  confidenceLevel,
  documentContentType,
  foldAnswer,
  formToIntents,
  ingestionProgress,
  intentsToForm,
  uploadPath,
  type AnswerProgress,
  type CsDocument,
} from './customerService';

const doc = (over: Partial<CsDocument>): CsDocument => ({
  id: 'd',
  title: 'D',
  fileName: 'd.md',
  format: 'markdown',
  status: 'ingesting',
  chunks: 0,
  characters: 10,
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('uploads', () => {
  it('sends the type of the extension, whatever the browser says', () => {
    expect(documentContentType('faq.CSV', 'application/vnd.ms-excel')).toBe('text/csv');
    expect(documentContentType('returns.md', '')).toBe('text/markdown');
    expect(documentContentType('policy.pdf', '')).toBe('application/pdf');
    expect(documentContentType('notes.docx', 'application/msword')).toBe('application/msword');
    expect(documentContentType('blob', '')).toBe('application/octet-stream');
  });
  it('names the file and the document a re-upload replaces, encoded', () => {
    expect(uploadPath('退货 政策.md')).toBe('/v1/customer-service/documents?fileName=%E9%80%80%E8%B4%A7+%E6%94%BF%E7%AD%96.md');
    expect(uploadPath('a.md', 'returns&x')).toBe('/v1/customer-service/documents?fileName=a.md&documentId=returns%26x');
  });
  it('shows the ingestion job’s progress, full once ready', () => {
    expect(ingestionProgress(doc({ job: { id: 'j', state: 'running', progress: 0.4 } }))).toBe(0.4);
    expect(ingestionProgress(doc({}))).toBe(0);
    expect(ingestionProgress(doc({ status: 'ready' }))).toBe(1);
    expect(ingestionProgress(doc({ job: { id: 'j', state: 'running', progress: 7 } }))).toBe(1);
  });
});

describe('a streamed answer', () => {
  const start: AnswerProgress = { citations: [], draft: '' };
  const citation = { documentId: 'returns', title: 'Returns', chunkId: 'c', text: 'Refunds in 14 days.', score: 0.8 };
  it('shows the passages first, then the draft, then the checked result in its place', () => {
    let p = foldAnswer(start, { type: 'retrieval', citations: [citation], confidence: 0.8 });
    expect(p.citations).toHaveLength(1);
    p = foldAnswer(p, { type: 'token', text: 'Once ' });
    p = foldAnswer(p, { type: 'token', text: 'upon a time' });
    expect(p.draft).toBe('Once upon a time');
    p = foldAnswer(p, { type: 'result', answer: 'Refunds in 14 days.', mode: 'extractive_fallback', confidence: 0.8, handoff: false, citations: [citation], conversationId: 'c1', turn: 0 });
    expect(p.result?.answer).toBe('Refunds in 14 days.');
    expect(p.result).not.toHaveProperty('type');
    expect(p.result?.conversationId).toBe('c1');
  });
  it('ignores events it does not know', () => {
    expect(foldAnswer(start, { type: 'ping' })).toBe(start);
  });
});

describe('confidence badges', () => {
  it('are low below the threshold, high well above it', () => {
    expect(confidenceLevel(0.3)).toBe('low');
    expect(confidenceLevel(0.5)).toBe('medium');
    expect(confidenceLevel(0.7)).toBe('high');
    expect(confidenceLevel(0.7, 0.8)).toBe('low');
  });
});

describe('the intents editor', () => {
  it('round-trips intents with examples one per line', () => {
    const intents = [{ name: 'complaint', handoff: true, examples: ['I want to complain', '我要投诉'], description: 'Angry' }];
    expect(formToIntents(intentsToForm(intents))).toEqual({ intents, problems: [] });
  });
  it('refuses what the server would refuse, naming the intent', () => {
    const { problems } = formToIntents([
      { name: 'cancel', description: '', handoff: false, examples: 'cancel it\n\n  ' },
      { name: 'cancel', description: '', handoff: false, examples: 'a\nb' },
      { name: 'bad/name', description: '', handoff: false, examples: 'a\nb' },
    ]);
    expect(problems).toEqual([
      { index: 0, problem: 'examples' },
      { index: 1, problem: 'duplicate' },
      { index: 2, problem: 'name' },
    ]);
  });
});
