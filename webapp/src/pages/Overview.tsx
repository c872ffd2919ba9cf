import { ApiError, get, items } from '../api';
import { asApiError, useLoad } from '../hooks';
import { formatMoney, formatNumber, useI18n } from '../i18n';
import { linkClick } from '../router';
import { hasRole, useSession } from '../session';
import { useState } from 'preact/hooks';
import { put } from '../api';
import { useAction } from '../hooks';
import { ErrorMessage, Loading, PageHeader, UsageBar } from '../components/ui';
import { normaliseRows, thisPeriod, topPlugins, unitName, usageQuery } from '../usage';

/** Where the billing summary lives (issue 5); the page degrades to usage figures without it. */
export const OVERVIEW_PATH = '/api/billing/summary';

export interface MeterStatus {
  meter: string;
  used: number;
  included?: number | null;
  softLimit?: number | null;
  hardLimit?: number | null;
  unit?: string;
}

export interface Warning {
  percent?: number;
  meter?: string;
  level?: string;
  message?: string;
  used?: number;
  limit?: number;
}

export interface OverviewData {
  plan?: { id?: string; name?: string; monthlyFee?: number | string } | null;
  currency?: string;
  spend?: number | string | { amount?: number | string; currency?: string } | null;
  meters: MeterStatus[];
  topPlugins: { plugin: string; cost: number; requests: number }[];
  warnings: Warning[];
  billing: boolean;
  period?: string;
  billingError?: ApiError;
  activeKeys?: number;
}

async function optional<T>(p: Promise<T>): Promise<T | ApiError> {
  try {
    return await p;
  } catch (e) {
    return asApiError(e);
  }
}

export async function loadOverview(): Promise<OverviewData> {
  const { from, to } = thisPeriod();
  const [summary, byMeter, byPlugin, keys] = await Promise.all([
    optional(get(OVERVIEW_PATH)),
    optional(get(usageQuery(from, to, 'meter'))),
    optional(get(usageQuery(from, to, 'plugin'))),
    optional(get('/api/keys')),
  ]);
  const data: OverviewData = { meters: [], topPlugins: [], warnings: [], billing: false };
  if (!(keys instanceof ApiError)) data.activeKeys = items(keys).filter((k: any) => k.status === 'active').length;
  if (!(summary instanceof ApiError) && summary) {
    data.billing = true;
    data.plan = summary.plan ?? null;
    const charges = summary.chargesSoFar;
    data.spend = charges?.total ?? summary.spend ?? null;
    data.currency = charges?.currency ?? summary.currency;
    data.period = summary.period;
    data.meters = (summary.meters ?? summary.usage ?? []).map((m: any) => ({
      meter: m.meter ?? m.name,
      used: Number(m.used ?? m.quantity ?? 0),
      included: m.included ?? null,
      softLimit: m.softLimit ?? null,
      hardLimit: m.hardLimit ?? null,
      unit: m.unit,
    }));
    data.warnings = (summary.warnings ?? []).map((w: any) => ({
      meter: w.meter,
      used: w.used,
      limit: w.limit,
      percent: w.percent,
      level: w.percent >= 100 ? 'exceeded' : 'warning',
    }));
  } else if (summary instanceof ApiError && !summary.missing) {
    data.billingError = summary;
  }
  if (data.meters.length === 0 && !(byMeter instanceof ApiError)) {
    data.meters = normaliseRows(byMeter, 'meter').map((r) => ({ meter: r.meter, used: r.quantity }));
  }
  if (!(byPlugin instanceof ApiError)) data.topPlugins = topPlugins(normaliseRows(byPlugin, 'plugin'));

  if (data.warnings.length === 0) {
    for (const m of data.meters) {
      const limit = m.hardLimit ?? m.softLimit;
      if (limit && m.used >= 0.8 * limit) data.warnings.push({ meter: m.meter, used: m.used, limit, level: m.used >= limit ? 'exceeded' : 'warning' });
    }
  }
  return data;
}

export function OverviewPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const overview = useLoad(loadOverview);
  const d = overview.data;
  const spend: string | number | null | undefined = d?.spend && typeof d.spend === 'object' ? d.spend.amount : (d?.spend as string | number | null | undefined);
  const currency = (d?.spend && typeof d.spend === 'object' ? d.spend.currency : undefined) ?? d?.currency;
  return (
    <section>
      <PageHeader title={`${t('overview.title')} · ${me.tenant?.name ?? ''}`}>
        <button type="button" class="secondary" onClick={overview.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      {overview.error && <ErrorMessage error={overview.error} onRetry={overview.reload} />}
      {!d ? (
        <Loading />
      ) : (
        <>
          {!d.billing && <p class="notice">{t('overview.billingMissing')}</p>}
          <ErrorMessage error={d.billingError} />
          <div class="cards">
            <div class="card stat">
              <h2>{t('overview.plan')}</h2>
              <p class="big">{d.plan?.name ?? d.plan?.id ?? '—'}</p>
              {d.period && <p class="muted">{d.period}</p>}
              {d.billing && hasRole(me, 'owner') && <ChangePlan current={d.plan?.id} onChanged={overview.reload} />}
            </div>
            <div class="card stat">
              <h2>{t('overview.spend')}</h2>
              <p class="big">{spend !== undefined && spend !== null ? formatMoney(spend, currency, lang) : '—'}</p>
            </div>
            <div class="card stat">
              <h2>{t('overview.keys')}</h2>
              <p class="big">
                <a href="/keys" onClick={linkClick}>
                  {d.activeKeys ?? '—'}
                </a>
              </p>
            </div>
          </div>
          <div class="cards">
            <div class="card wide">
              <h2>{t('overview.usage')}</h2>
              {d.meters.length === 0 ? (
                <p class="muted">{t('usage.empty')}</p>
              ) : (
                <ul class="meters">
                  {d.meters.map((m) => {
                    const limit = m.hardLimit ?? m.softLimit ?? m.included ?? 0;
                    return (
                      <li key={m.meter}>
                        <div class="meter-line">
                          <span>{m.meter}</span>
                          <span class="num">
                            {limit
                              ? t('overview.of', { used: formatNumber(m.used, lang), limit: formatNumber(limit, lang) })
                              : formatNumber(m.used, lang)}
                          </span>
                        </div>
                        {limit ? <UsageBar used={m.used} limit={limit} label={m.meter} /> : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
            <div class="card">
              <h2>{t('overview.topPlugins')}</h2>
              {d.topPlugins.length === 0 ? (
                <p class="muted">{t('common.none')}</p>
              ) : (
                <ol>
                  {d.topPlugins.map((p) => (
                    <li key={p.plugin}>
                      {p.plugin}{' '}
                      <span class="muted">
                        {formatMoney(p.cost, d.currency, lang)} · {formatNumber(p.requests, lang)} {unitName('request', t)}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
            <div class="card">
              <h2>{t('overview.warnings')}</h2>
              {d.warnings.length === 0 ? (
                <p class="muted">{t('overview.noWarnings')}</p>
              ) : (
                <ul class="warnings">
                  {d.warnings.map((w, i) => (
                    <li key={i} class={w.level === 'exceeded' || w.level === 'hard' ? 'error' : 'notice'}>
                      {w.message ??
                        `${w.meter}: ${formatNumber(w.used ?? 0, lang)} / ${formatNumber(w.limit ?? 0, lang)}${
                          w.percent ? ` (≥ ${w.percent}%)` : ''
                        }`}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** The owner moves the tenant to another plan (prorated by the server from now). */
function ChangePlan({ current, onChanged }: { current?: string; onChanged: () => void }) {
  const { t } = useI18n();
  const plans = useLoad(() => get('/api/plans').then((p) => items<{ id: string; name: string }>(p)));
  const [plan, setPlan] = useState('');
  const change = useAction(async () => {
    await put('/api/subscription', { plan });
    setPlan('');
    onChanged();
  });
  if (!plans.data || plans.data.length < 2) return null;
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (plan) change.run();
      }}
    >
      <label for="change-plan">{t('overview.changePlan')}</label>
      <select id="change-plan" value={plan} onChange={(e) => setPlan(e.currentTarget.value)}>
        <option value="">—</option>
        {plans.data
          .filter((p) => p.id !== current)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
      <button type="submit" class="secondary" disabled={!plan || change.busy}>
        {t('common.save')}
      </button>
      <ErrorMessage error={change.error} />
    </form>
  );
}
