import type { Series } from './components/Chart';

// Usage report rows as /api/usage answers them: one row per (group, meter) with the summed
// quantity. `group` is the day, plugin, model or key; empty when grouping by meter alone.

export type GroupBy = 'day' | 'meter' | 'plugin' | 'model' | 'key';

export interface UsageRow {
  group: string;
  meter: string;
  quantity: number;
  events?: number;
}

/** Accepts the documented row shape and a few close variants, so a renamed field is not a blank chart. */
export function normaliseRows(page: any, groupBy: GroupBy): UsageRow[] {
  const raw: any[] = Array.isArray(page) ? page : Array.isArray(page?.data) ? page.data : Array.isArray(page?.rows) ? page.rows : [];
  return raw.map((r) => ({
    group: String(r.group ?? r[groupBy] ?? r.bucket ?? r.day ?? r.meter ?? ''),
    meter: String(r.meter ?? ''),
    quantity: Number(r.quantity ?? r.value ?? r.total ?? 0),
    events: r.events === undefined ? undefined : Number(r.events),
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
