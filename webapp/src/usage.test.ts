import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import {
  byUnit,
  formatUnitPrice,
  normaliseReport,
  parseThresholds,
  pricePer,
  requestLogQuery,
  toCostChart,
  topPlugins,
  unitName,
} from './usage';

const en = translator('en');
const zh = translator('zh');

describe('unit prices', () => {
  it('quotes tiny prices per thousand, million or billion units so that a cent shows', () => {
    expect(pricePer(0.01)).toBe(1);
    expect(pricePer(0.002)).toBe(1e3);
    expect(pricePer(0.00000005)).toBe(1e6);
    expect(pricePer(0.000000000002)).toBe(1e9);
    expect(pricePer(0)).toBe(1);
  });

  it('shows the unit and currency instead of 0.00000005', () => {
    expect(formatUnitPrice('0.00000005', 'token', 'USD', 'en', en)).toBe('US$0.05 per 1M tokens');
    expect(formatUnitPrice('0.002', 'question', 'USD', 'en', en)).toBe('US$2.00 per 1K questions');
    expect(formatUnitPrice('0.01', 'request', 'USD', 'en', en)).toBe('US$0.01 each');
    const chinese = formatUnitPrice('0.00000005', 'token', 'USD', 'zh', zh);
    expect(chinese).toContain('0.05');
    expect(chinese).toContain('100万');
    expect(chinese).toContain('token');
    expect(formatUnitPrice(null, 'token', 'USD', 'en', en)).toBe('');
  });
});

describe('names', () => {
  it('translates platform meters and known units, and keeps plugin meters readable', () => {
    expect(unitName('ms', zh)).toBe('毫秒');
    expect(unitName('widget', en)).toBe('widget');
  });
});

describe('charts', () => {
  const report = normaliseReport(
    {
      currency: 'USD',
      totalCost: '1.5',
      meters: { requests: { unit: 'request', unitPrice: '0.01' } },
      data: [
        { day: '2026-12-01', meter: 'requests', unit: 'request', quantity: 100, cost: '1' },
        { day: '2026-12-01', meter: 'compute_ms.cpu', unit: 'ms', quantity: 5000, cost: '0' },
        { day: '2026-12-02', meter: 'embedding_tokens', unit: 'token', quantity: 900, cost: '0.5' },
      ],
    },
    'day',
  );

  it('reads the report with its meters, currency and costs', () => {
    expect(report.currency).toBe('USD');
    expect(report.meters.requests.unitPrice).toBe('0.01');
    expect(report.rows[0]).toMatchObject({ group: '2026-12-01', unit: 'request', cost: '1' });
  });

  it('never puts two units in one chart', () => {
    const groups = byUnit(report.rows);
    expect(groups.map(([unit]) => unit)).toEqual(['ms', 'request', 'token']);
    for (const [unit, rows] of groups) expect(rows.every((r) => r.unit === unit)).toBe(true);
  });

  it('sums money per day, a quiet day at zero', () => {
    const chart = toCostChart(report.rows, 'day', ['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(chart.labels).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(chart.series[0].values).toEqual([1, 0.5, 0]);
  });
});

describe('request log', () => {
  it('reads thresholds however they are separated', () => {
    expect(parseThresholds('100, 50 80，50')).toEqual([50, 80, 100]);
    expect(parseThresholds('')).toEqual([]);
  });

  it('asks only for the filters set, the end day included', () => {
    const none = { requestId: '', status: '', keyId: '', route: '', from: '', to: '' };
    expect(requestLogQuery(none)).toBe('/api/request-logs?limit=50');
    expect(requestLogQuery({ ...none, requestId: ' 0193-abc ', status: '4xx', to: '2026-12-31' }, 'x')).toBe(
      '/api/request-logs?requestId=0193-abc&status=4xx&to=2027-01-01&before=x&limit=50',
    );
  });
});

describe('top plugins', () => {
  it('ranks plugins by cost and counts their requests, never summing tokens with requests', () => {
    const rows = normaliseReport(
      {
        data: [
          { plugin: 'customer-service', meter: 'requests', quantity: 357, cost: '3.57' },
          { plugin: 'customer-service', meter: 'embedding_tokens', quantity: 90000, cost: '0.0018' },
          { plugin: 'fraud', meter: 'requests', quantity: 900, cost: '0' },
          { plugin: '', meter: 'requests', quantity: 5, cost: '0.05' },
        ],
      },
      'plugin',
    ).rows;
    const top = topPlugins(rows);
    expect(top.map((p) => [p.plugin, p.requests])).toEqual([
      ['customer-service', 357],
      ['fraud', 900],
    ]);
    expect(top[0].cost).toBeCloseTo(3.5718, 10);
    expect(top[1].cost).toBe(0);
  });
});
