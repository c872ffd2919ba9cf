import { get, items } from '../../api';
import { useLoad } from '../../hooks';
import { formatDate, formatMoney, useI18n } from '../../i18n';
import { linkClick } from '../../router';
import { planName } from '../../plans';
import { Async, PageHeader, StatusBadge } from '../../components/ui';

/** A row of GET /api/admin/billing/tenants. */
export interface TenantAccount {
  id: string;
  name: string;
  createdAt: string;
  suspended: boolean;
  suspendedAt: string | null;
  suspendedReason: string | null;
  planId: string;
  planName: string;
  discountPercent: string;
  status: string;
  period: string;
  currency: string;
  usageAmount: string;
  chargesSoFar: string;
}

/** Every tenant with its plan, whether it is suspended, how close it is to its limits and its money this month. */
export function TenantsPage() {
  const { t, lang } = useI18n();
  const tenants = useLoad(() => get('/api/admin/billing/tenants?limit=500').then((p) => items<TenantAccount>(p)));
  return (
    <section>
      <PageHeader title={t('tenants.title')}>
        <button type="button" class="secondary" onClick={tenants.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <Async state={tenants}>
        {(list) => (
          <div class="table-wrap">
            <table class="responsive">
              <caption class="sr-only">{t('tenants.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('overview.plan')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col" class="num">{t('tenants.usageMonth')}</th>
                  <th scope="col" class="num">{t('tenants.chargesMonth')}</th>
                  <th scope="col">{t('common.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((x) => (
                  <tr key={x.id}>
                    <td data-label={t('common.name')}>
                      <a href={`/admin/tenants/${x.id}`} onClick={linkClick}>
                        {x.name}
                      </a>
                    </td>
                    <td data-label={t('overview.plan')}>
                      {planName({ id: x.planId, name: x.planName }, t)}
                      {Number(x.discountPercent) > 0 && <span class="muted"> −{x.discountPercent}%</span>}
                    </td>
                    <td data-label={t('common.status')}>
                      {x.suspended && <StatusBadge status="suspended" />} <StatusBadge status={x.status} />
                    </td>
                    <td data-label={t('tenants.usageMonth')} class="num">
                      {formatMoney(x.usageAmount, x.currency, lang)}
                    </td>
                    <td data-label={t('tenants.chargesMonth')} class="num">
                      {formatMoney(x.chargesSoFar, x.currency, lang)}
                    </td>
                    <td data-label={t('common.created')}>{formatDate(x.createdAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </section>
  );
}
