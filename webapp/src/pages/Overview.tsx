import { ApiError, get, items } from '../api';
import { asApiError, useLoad } from '../hooks';
import { formatMoney, formatNumber, useI18n } from '../i18n';
import { linkClick } from '../router';
import { hasRole, useSession } from '../session';
import { ErrorMessage, Loading, PageHeader, UsageBar } from '../components/ui';
import { normaliseRows, thisPeriod, topPlugins, unitName, usageQuery } from '../usage';
import { OnboardingChecklist } from '../components/Onboarding';
import { meterName } from '../meters';
import { normalisePlugin, pluginText, type PluginEntry } from '../plugins';
import { planName } from '../plans';

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
  /** The catalogue, for display names of plugins and their meters. */
  plugins: PluginEntry[];
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
  const [summary, byMeter, byPlugin, keys, catalogue] = await Promise.all([
    optional(get(OVERVIEW_PATH)),
    optional(get(usageQuery(from, to, 'meter'))),
    optional(get(usageQuery(from, to, 'plugin'))),
    optional(get('/api/keys')),
    optional(get('/api/plugins')),
  ]);
  const plugins = catalogue instanceof ApiError ? [] : items(catalogue).map(normalisePlugin);
  const data: OverviewData = { meters: [], topPlugins: [], warnings: [], billing: false, plugins };
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
      {me.tenant && <OnboardingChecklist />}
      {!d ? (
        <Loading />
      ) : (
        <>
          {!d.billing && <p class="notice">{t('overview.billingMissing')}</p>}
          <ErrorMessage error={d.billingError} />
          <div class="cards">
            <div class="card stat">
              <h2>{t('overview.plan')}</h2>
              <p class="big">{d.plan?.id ? planName({ id: d.plan.id, name: d.plan.name }, t) : '—'}</p>
              {d.period && <p class="muted">{d.period}</p>}
              {d.billing && (
                <a href="/plans" onClick={linkClick}>
                  {hasRole(me, 'owner') ? t('overview.changePlan') : t('overview.comparePlans')}
                </a>
              )}
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
                          <span>{meterName(m.meter, lang, d.plugins)}</span>
                          <span class="num">
                            {limit
                              ? t('overview.of', { used: formatNumber(m.used, lang), limit: formatNumber(limit, lang) })
                              : formatNumber(m.used, lang)}
                          </span>
                        </div>
                        {limit ? <UsageBar used={m.used} limit={limit} label={meterName(m.meter, lang, d.plugins)} /> : null}
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
                      {pluginName(d.plugins, p.plugin, lang)}{' '}
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
                        `${w.meter ? meterName(w.meter, lang, d.plugins) : ''}: ${formatNumber(w.used ?? 0, lang)} / ${formatNumber(w.limit ?? 0, lang)}${
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

function pluginName(plugins: PluginEntry[], id: string, lang: string): string {
  const plugin = plugins.find((p) => p.id === id);
  return plugin ? pluginText(plugin, lang).name : id;
}
