import type { Series } from './components/Chart';
import { formatMoney, type Lang, type MessageKey, type Translate } from './i18n';

// Usage report rows as /api/usage answers them: one row per (group, meter) with the summed
// quantity. `group` is the day, plugin, model or key; empty when grouping by meter alone.

export type GroupBy = 'day' | 'meter' | 'plugin' | 'model' | 'key';

export interface UsageRow {
  group: string;
  meter: string;
  quantity: number;
  events?: number;
  /** The meter's unit (token, request, ms, ...). */
  unit?: string;
  /** Cost at the plan's list prices, a decimal string; absent when the server does not price. */
  cost?: string;
}

/** What /api/usage says of each meter it names. */
export interface MeterInfo {
  unit: string | null;
  pluginId?: string | null;
  description?: string;
  unitPrice?: string | null;
}

export interface UsageReport {
  rows: UsageRow[];
  meters: Record<string, MeterInfo>;
  currency?: string;
  totalCost?: string;
}

/** The report with its rows, meters, currency and total cost. */
export function normaliseReport(page: any, groupBy: GroupBy): UsageReport {
  return {
    rows: normaliseRows(page, groupBy),
    meters: page && typeof page.meters === 'object' && !Array.isArray(page.meters) ? page.meters : {},
    currency: typeof page?.currency === 'string' ? page.currency : undefined,
    totalCost: typeof page?.totalCost === 'string' ? page.totalCost : undefined,
  };
}

/** Accepts the documented row shape and a few close variants, so a renamed field is not a blank chart. */
export function normaliseRows(page: any, groupBy: GroupBy): UsageRow[] {
  const raw: any[] = Array.isArray(page) ? page : Array.isArray(page?.data) ? page.data : Array.isArray(page?.rows) ? page.rows : [];
  return raw.map((r) => ({
    group: String(r.group ?? r[groupBy] ?? r.bucket ?? r.day ?? r.meter ?? ''),
    meter: String(r.meter ?? ''),
    quantity: Number(r.quantity ?? r.value ?? r.total ?? 0),
    events: r.events === undefined ? undefined : Number(r.events),
    unit: typeof r.unit === 'string' ? r.unit : undefined,
    cost: r.cost === undefined || r.cost === null ? undefined : String(r.cost),
  }));
}

/** Days between from and to (inclusive), as YYYY-MM-DD, so a quiet day shows as zero, not a gap. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(from + 'T00:00:00Z');
  const end = new Date(to + 'T00:00:00Z');
  while (d <= end && out.length < 400) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** Labels on the x axis and one series per meter (stacked when grouped by something else). */
export function toChart(rows: UsageRow[], groupBy: GroupBy, days?: string[]): { labels: string[]; series: Series[] } {
  const meters = [...new Set(rows.map((r) => r.meter))].sort();
  if (groupBy === 'meter') {
    const totals = meters.map((m) => rows.filter((r) => r.meter === m).reduce((s, r) => s + r.quantity, 0));
    return { labels: meters, series: [{ label: 'quantity', values: totals }] };
  }
  let labels = [...new Set(rows.map((r) => (groupBy === 'day' ? r.group.slice(0, 10) : r.group || '—')))].sort();
  if (groupBy === 'day' && days) labels = days;
  const series = meters.map((m) => ({
    label: m,
    values: labels.map((l) =>
      rows
        .filter((r) => r.meter === m && (groupBy === 'day' ? r.group.slice(0, 10) : r.group || '—') === l)
        .reduce((s, r) => s + r.quantity, 0),
    ),
  }));
  return { labels, series };
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The first day of this month and today, UTC. */
export function thisPeriod(now = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { from: isoDay(first), to: isoDay(now) };
}

/** The query for /api/usage: to is exclusive on the server, so the day after the chosen end. */
export function usageQuery(from: string, to: string, groupBy: GroupBy): string {
  const end = new Date(to + 'T00:00:00Z');
  end.setUTCDate(end.getUTCDate() + 1);
  const params = new URLSearchParams({
    from: new Date(from + 'T00:00:00Z').toISOString(),
    to: end.toISOString(),
    groupBy,
  });
  return `/api/usage?${params}`;
}

/**
 * The rows split by unit, units in name order: one chart per unit, so milliseconds, tokens and
 * requests never share a bar.
 */
export function byUnit(rows: UsageRow[]): [string, UsageRow[]][] {
  const groups = new Map<string, UsageRow[]>();
  for (const r of rows) {
    const unit = r.unit ?? '';
    groups.set(unit, [...(groups.get(unit) ?? []), r]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Money per label (day, plugin, key...): one series, the summed cost of every meter. */
export function toCostChart(rows: UsageRow[], groupBy: GroupBy, days?: string[]): { labels: string[]; series: Series[] } {
  const label = (r: UsageRow) => (groupBy === 'day' ? r.group.slice(0, 10) : groupBy === 'meter' ? r.meter : r.group || '—');
  let labels = [...new Set(rows.map(label))].sort();
  if (groupBy === 'day' && days) labels = days;
  const values = labels.map((l) => rows.filter((r) => label(r) === l).reduce((sum, r) => sum + Number(r.cost ?? 0), 0));
  return { labels, series: [{ label: 'cost', values }] };
}

/** The quantity a unit price is quoted per (1, 1K, 1M or 1B units) so that it shows at least a cent. */
export function pricePer(price: number): number {
  for (const per of [1, 1e3, 1e6]) {
    if (price === 0 || price * per >= 0.01) return per;
  }
  return 1e9;
}

/** A unit's readable name: translated for the units Atrium knows, else as the meter declares it. */
export function unitName(unit: string | null | undefined, t: Translate): string {
  if (!unit) return '';
  const key = `unit.${unit}` as MessageKey;
  const name = t(key);
  return name === key ? unit : name;
}

/** "US$0.05 per 1M tokens" rather than 0.00000005. */
export function formatUnitPrice(
  price: string | number | null | undefined,
  unit: string | null | undefined,
  currency: string | undefined,
  lang: Lang,
  t: Translate,
): string {
  if (price === null || price === undefined || price === '') return '';
  const n = Number(price);
  if (Number.isNaN(n)) return String(price);
  const per = pricePer(n);
  const count = per === 1 ? '' : new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact' }).format(per);
  return t(per === 1 ? 'usage.pricePerUnit' : 'usage.pricePerMany', {
    price: formatMoney(n * per, currency, lang),
    count,
    unit: unitName(unit, t),
  });
}

/** "50, 80 100" as [50, 80, 100]: whole percentages, in order, each once; the server checks the range. */
export function parseThresholds(text: string): number[] {
  const numbers = text
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .map(Number);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The request log's filters as the dashboard's form holds them: empty strings for "any". */
export interface RequestLogFilter {
  requestId: string;
  status: string;
  keyId: string;
  route: string;
  from: string;
  to: string;
}

/** The query for /api/request-logs: only the filters set; 'to' is a day, so the day after it. */
export function requestLogQuery(filter: RequestLogFilter, before?: string): string {
  const params = new URLSearchParams();
  if (filter.requestId.trim()) params.set('requestId', filter.requestId.trim());
  if (filter.status) params.set('status', filter.status);
  if (filter.keyId) params.set('keyId', filter.keyId);
  if (filter.route.trim()) params.set('route', filter.route.trim());
  if (filter.from) params.set('from', filter.from);
  if (filter.to) {
    const end = new Date(filter.to + 'T00:00:00Z');
    end.setUTCDate(end.getUTCDate() + 1);
    params.set('to', end.toISOString().slice(0, 10));
  }
  if (before) params.set('before', before);
  params.set('limit', '50');
  return `/api/request-logs?${params}`;
}

/** Plugins ranked by what they cost, then by requests: money and requests, never a sum of mixed units. */
export function topPlugins(rows: UsageRow[], n = 5): { plugin: string; cost: number; requests: number }[] {
  const totals = new Map<string, { plugin: string; cost: number; requests: number }>();
  for (const r of rows) {
    if (!r.group) continue;
    const t = totals.get(r.group) ?? { plugin: r.group, cost: 0, requests: 0 };
    t.cost += Number(r.cost ?? 0);
    if (r.meter === 'requests') t.requests += r.quantity;
    totals.set(r.group, t);
  }
  return [...totals.values()].sort((a, b) => b.cost - a.cost || b.requests - a.requests).slice(0, n);
}
