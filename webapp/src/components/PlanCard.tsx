import type { ComponentChildren } from 'preact';
import { formatMoney, formatNumber, useI18n } from '../i18n';
import { meterName, usePluginMeters } from '../meters';
import { isPluginMeter, planMeters, planName, type Plan, type PlanMeter } from '../plans';

/** Unit prices are tiny decimals (0.00002): four significant digits, not a row of zeros. */
export function unitPrice(value: unknown, currency: string, lang: string): string {
  if (value === undefined || value === null || value === '') return '';
  const n = Number(value);
  if (Number.isNaN(n)) return String(value);
  if (n === 0) return '0';
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { style: 'currency', currency, maximumSignificantDigits: 4 });
}

/** One plan side by side with the others: fee, then per meter the allowance, limit and price. */
export function PlanCard({
  plan,
  currency,
  current,
  children,
}: {
  plan: Plan;
  currency: string;
  current?: boolean;
  children?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const limits = plan.rateLimits;
  const meters = planMeters(plan);
  const platform = meters.filter(([name]) => !isPluginMeter(name));
  const plugins = meters.filter(([name]) => isPluginMeter(name));
  return (
    <article class={current ? 'card plan-card current' : 'card plan-card'} aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>
        {planName(plan, t)} {current && <span class="badge badge-active">{t('plans.current')}</span>}
      </h2>
      <p class="big">
        {formatMoney(plan.monthlyFee, currency, lang)} <span class="muted">{t('plans.perMonth')}</span>
      </p>
      <MeterTable plan={plan} meters={platform} currency={currency} />
      {plugins.length > 0 && (
        <details>
          <summary>{t('plans.pluginMeters', { count: plugins.length })}</summary>
          <MeterTable plan={plan} meters={plugins} currency={currency} />
        </details>
      )}
      <dl class="plan-limits">
        <dt>{t('plans.limits')}</dt>
        <dd>
          {t('plans.rpm', {
            key: formatNumber(limits.keyRequestsPerMinute, lang),
            tenant: formatNumber(limits.tenantRequestsPerMinute, lang),
          })}
        </dd>
        <dt>{t('plans.tokenLimits')}</dt>
        <dd>
          {t('plans.tpm', {
            key: formatNumber(limits.keyTokensPerMinute, lang),
            tenant: formatNumber(limits.tenantTokensPerMinute, lang),
          })}
        </dd>
        <dt>{t('plans.concurrency')}</dt>
        <dd>{formatNumber(plan.maxConcurrency, lang)}</dd>
        <dt>{t('plans.allowed')}</dt>
        <dd>{plan.allowedPlugins.includes('*') ? t('plans.allPlugins') : plan.allowedPlugins.join(', ')}</dd>
      </dl>
      {children}
    </article>
  );
}

/** Allowance, limit and price per meter, one row each. */
function MeterTable({ plan, meters, currency }: { plan: Plan; meters: [string, PlanMeter][]; currency: string }) {
  const { t, lang } = useI18n();
  const plugins = usePluginMeters();
  return (
    <div class="scroll-x" tabIndex={0} role="region" aria-label={t('plans.meters', { plan: planName(plan, t) })}>
      <table class="compact plan-meters">
        <caption class="sr-only">{t('plans.meters', { plan: planName(plan, t) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.meter')}</th>
            <th scope="col" class="num">{t('invoices.included')}</th>
            <th scope="col" class="num">{t('plans.hardLimit')}</th>
            <th scope="col" class="num">{t('plans.thenPrice')}</th>
          </tr>
        </thead>
        <tbody>
          {meters.map(([meter, m]) => (
            <tr key={meter}>
              <th scope="row">{meterName(meter, lang, plugins)}</th>
              <td class="num">{formatNumber(m.included, lang)}</td>
              <td class="num">{m.hardLimit === null ? t('plans.unlimited') : formatNumber(m.hardLimit, lang)}</td>
              <td class="num">{unitPrice(m.tiers?.[0]?.unitPrice, currency, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
