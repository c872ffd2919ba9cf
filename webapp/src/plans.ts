// Plans as GET /api/plans answers them (docs/billing.md), and their readable names.
import type { MessageKey, Translate } from './i18n';

export interface PriceTier {
  firstUnit: number;
  unitPrice: string;
}

export interface PlanMeter {
  included: number;
  softLimit: number | null;
  hardLimit: number | null;
  tiers: PriceTier[];
}

export interface Plan {
  id: string;
  name: string;
  monthlyFee: string;
  rateLimits: {
    keyRequestsPerMinute: number;
    tenantRequestsPerMinute: number;
    keyTokensPerMinute: number;
    tenantTokensPerMinute: number;
  };
  maxConcurrency: number;
  poolWeight: number;
  allowedPlugins: string[];
  meters: Record<string, PlanMeter>;
  updatedAt?: string;
}

/** The server's answer to GET /api/subscription/preview?plan=. */
export interface PlanChangePreview {
  currentPlanId: string;
  plan: Plan;
  effectiveAt: string;
  period: string;
  currency: string;
  proratedCharge: string;
  fees: { planId: string; planName: string; from: string; to: string; description: string; amount: string }[];
  monthTotalBefore: string;
  monthTotalAfter: string;
}

function translated(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

/** A plan's name in the reader's language (seeded plans are translated; others keep their name). */
export function planName(plan: { id: string; name?: string }, t: Translate): string {
  return translated(t, `planName.${plan.id}`, plan.name ?? plan.id);
}

/** Plugin meters are named `<plugin-id>.<name>`; the platform's `compute_ms.*` are not plugins'. */
export function isPluginMeter(meter: string): boolean {
  return meter.includes('.') && !meter.startsWith('compute_ms.');
}

/** The meters a plan card lists: the platform's first, then plugins', each alphabetically. */
export function planMeters(plan: Plan): [string, PlanMeter][] {
  return Object.entries(plan.meters ?? {}).sort(
    ([a], [b]) => Number(isPluginMeter(a)) - Number(isPluginMeter(b)) || a.localeCompare(b),
  );
}
