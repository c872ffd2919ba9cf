import { get } from '../../api';
import { useLoad } from '../../hooks';
import { formatDate, formatMoney, formatNumber, useI18n } from '../../i18n';
import { linkClick } from '../../router';
import { meterName, planName } from '../../plans';
import { Async, PageHeader, StatusBadge } from '../../components/ui';
import type { Invoice } from '../../invoice';
import type { TenantAccount } from './Tenants';

interface Account extends TenantAccount {
  history: { planId: string; startsAt: string; endsAt: string | null; discountPercent: string }[];
  meters: { meter: string; unit: string; used: number; included: number; hardLimit: number | null }[];
  invoices: Invoice[];
}

/** One tenant for the operator: plan and discount, plan history, usage this month, invoices. */
export function TenantAccountPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const account = useLoad(() => get<Account>(`/api/admin/billing/tenants/${encodeURIComponent(id)}`), [id]);
  return (
    <section>
      <p>
        <a href="/admin/tenants" onClick={linkClick}>
          ← {t('tenants.back')}
        </a>
      </p>
      <Async state={account}>
        {(a) => (
          <>
            <PageHeader title={a.name} />
            <div class="cards">
              <div class="card stat">
                <h2>{t('overview.plan')}</h2>
                <p class="big">{planName({ id: a.planId, name: a.planName }, t)}</p>
                <p class="muted">{t('tenants.discount', { percent: formatNumber(a.discountPercent, lang) })}</p>
              </div>
              <div class="card stat">
                <h2>{t('common.status')}</h2>
                <p class="big">
                  <StatusBadge status={a.status} />
                </p>
                <p class="muted">
                  {a.period} · {t('tenants.id')} <code>{a.id}</code>
                </p>
              </div>
              <div class="card stat">
                <h2>{t('tenants.chargesMonth')}</h2>
                <p class="big">{formatMoney(a.chargesSoFar, a.currency, lang)}</p>
                <p class="muted">
                  {t('tenants.usageMonth')}: {formatMoney(a.usageAmount, a.currency, lang)}
                </p>
              </div>
            </div>
            <h2>{t('tenants.history')}</h2>
            <div class="table-wrap">
              <table class="responsive">
                <caption class="sr-only">{t('tenants.history')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.plan')}</th>
                    <th scope="col">{t('common.from')}</th>
                    <th scope="col">{t('common.to')}</th>
                    <th scope="col" class="num">{t('invoices.discount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.history.map((h) => (
                    <tr key={h.startsAt}>
                      <td data-label={t('overview.plan')}>{planName({ id: h.planId }, t)}</td>
                      <td data-label={t('common.from')}>{formatDate(h.startsAt, lang)}</td>
                      <td data-label={t('common.to')}>{h.endsAt ? formatDate(h.endsAt, lang) : t('tenants.ongoing')}</td>
                      <td data-label={t('invoices.discount')} class="num">
                        {formatNumber(h.discountPercent, lang)}%
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{t('overview.usage')}</h2>
            <div class="table-wrap">
              <table class="responsive">
                <caption class="sr-only">{t('overview.usage')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('plans.meter')}</th>
                    <th scope="col" class="num">{t('tenants.used')}</th>
                    <th scope="col" class="num">{t('invoices.included')}</th>
                    <th scope="col" class="num">{t('plans.hardLimit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.meters.map((m) => (
                    <tr key={m.meter}>
                      <td data-label={t('plans.meter')}>{meterName(m.meter, t)}</td>
                      <td data-label={t('tenants.used')} class="num">{formatNumber(m.used, lang)}</td>
                      <td data-label={t('invoices.included')} class="num">{formatNumber(m.included, lang)}</td>
                      <td data-label={t('plans.hardLimit')} class="num">
                        {m.hardLimit === null ? t('plans.unlimited') : formatNumber(m.hardLimit, lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{t('invoices.title')}</h2>
            {a.invoices.length === 0 ? (
              <p class="muted">{t('invoices.empty')}</p>
            ) : (
              <ul class="plain">
                {a.invoices.map((inv) => (
                  <li key={inv.id}>
                    <a href={`/admin/invoices/${inv.id}`} onClick={linkClick}>
                      {inv.period}
                    </a>{' '}
                    <StatusBadge status={inv.status} /> {formatMoney(inv.total, inv.currency, lang)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
