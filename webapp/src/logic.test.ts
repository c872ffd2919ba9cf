import { describe, expect, it } from 'vitest';
import { ApiError, parseSseBlock, toApiError } from './api';
import { messages, translator } from './i18n';
import { daysBetween, normaliseRows, toChart, usageQuery } from './usage';
import { invoiceCsv } from './invoice';
import { cosine } from './embeddings';

describe('i18n', () => {
  it('has every English key in Chinese', () => {
    const missing = Object.keys(messages.en).filter((k) => !(messages.zh as Record<string, string>)[k]);
    expect(missing).toEqual([]);
  });
  it('fills parameters', () => {
    expect(translator('zh')('keys.revokeConfirm', { name: 'ci' })).toContain('“ci”');
  });
});

describe('problems', () => {
  it('become an ApiError with the detail', async () => {
    const response = new Response(JSON.stringify({ code: 'key_not_active', detail: 'Only an active key can be rotated.', status: 409 }), {
      status: 409,
      headers: { 'Content-Type': 'application/problem+json' },
    });
    const e = await toApiError(response);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('Only an active key can be rotated.');
    expect(e.code).toBe('key_not_active');
  });
  it('never show HTML or raw bodies', async () => {
    const e = await toApiError(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(e.message).toBe('The server answered 502 Bad Gateway.');
  });
});

describe('SSE parsing', () => {
  it('reads event and multi-line data', () => {
    expect(parseSseBlock('event: pool\ndata: {"a":\ndata: 1}')).toEqual({ event: 'pool', data: '{"a":\n1}' });
    expect(parseSseBlock(': keep-alive')).toBeNull();
  });
});

describe('usage', () => {
  const rows = normaliseRows(
    {
      data: [
        { group: '2026-11-02', meter: 'requests', quantity: 3 },
        { group: '2026-11-02', meter: 'embedding_tokens', quantity: 40 },
        { group: '2026-11-04', meter: 'requests', quantity: 1 },
      ],
    },
    'day',
  );
  it('fills quiet days with zeros, one series per meter', () => {
    const chart = toChart(rows, 'day', daysBetween('2026-11-01', '2026-11-04'));
    expect(chart.labels).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(chart.series).toEqual([
      { label: 'embedding_tokens', values: [0, 40, 0, 0] },
      { label: 'requests', values: [0, 3, 0, 1] },
    ]);
  });
  it('totals per meter', () => {
    expect(toChart(rows, 'meter').series[0].values).toEqual([40, 4]);
  });
  it('asks for an exclusive end', () => {
    expect(usageQuery('2026-11-01', '2026-11-30', 'day')).toContain('to=2026-12-01T00%3A00%3A00.000Z');
  });
});

describe('invoice CSV', () => {
  it('quotes cells and ends with the total', () => {
    const csv = invoiceCsv({
      id: 'i',
      period: '2026-10',
      status: 'finalised',
      total: '12.50',
      lines: [{ lineNo: 1, kind: 'usage', description: 'Embedding tokens, "bulk"', quantity: 10, amount: '12.50' }],
    });
    expect(csv).toContain('"Embedding tokens, ""bulk"""');
    expect(csv.trim().split('\r\n').pop()).toBe(',,total,,,,,,12.50');
  });
});

describe('cosine', () => {
  it('is 1 for the same direction', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
  });
});
