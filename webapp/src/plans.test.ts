import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { planMeters, planName, type Plan } from './plans';
import { startOfNextMonth } from './pages/admin/BillingClock';

describe('plans', () => {
  it('names seeded plans in both languages, others by their own name', () => {
    expect(planName({ id: 'pro', name: 'Pro' }, translator('zh'))).toBe('专业版');
    expect(planName({ id: 'startup', name: 'Startup 2027' }, translator('zh'))).toBe('Startup 2027');
  });

  it('lists platform meters before plugin meters', () => {
    const m = { included: 0, softLimit: null, hardLimit: null, tiers: [] };
    const plan = { meters: { 'fraud.scores': m, requests: m, 'compute_ms.cpu': m } } as unknown as Plan;
    expect(planMeters(plan).map(([name]) => name)).toEqual(['compute_ms.cpu', 'requests', 'fraud.scores']);
  });

  it('advances the test clock to just after the next month begins, across a year end', () => {
    expect(startOfNextMonth('2026-12-03T14:01:00Z')).toBe('2027-01-01T01:00:00.000Z');
  });
});
