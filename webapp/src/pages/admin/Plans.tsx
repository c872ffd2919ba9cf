import { get, items } from '../../api';
import { useLoad } from '../../hooks';
import { formatMoney, formatNumber, useI18n } from '../../i18n';
import { Async, PageHeader } from '../../components/ui';

/** Where the operator's plan list lives (issue 5). */
export const PLANS_PATH = '/api/admin/plans';

export function PlansPage() {
  const { t, lang } = useI18n();
  const plans = useLoad(() => get(PLANS_PATH).then((p) => items(p)));
  return (
    <section>
      <PageHeader title={t('plans.title')} />
      <Async state={plans}>
        {(list) => (
          <div class="cards">
            {list.map((p: any) => {
              const limits = p.rateLimits ?? p;
              return (
                <article class="card" key={p.id} aria-labelledby={`plan-${p.id}`}>
                  <h2 id={`plan-${p.id}`}>{p.name ?? p.id}</h2>
                  <p class="big">{formatMoney(p.monthlyFee, p.currency, lang)}</p>
                  <dl>
                    <dt>{t('plans.limits')}</dt>
                    <dd>
                      {formatNumber(limits.keyRequestsPerMinute, lang)} / {formatNumber(limits.tenantRequestsPerMinute, lang)} req/min
                    </dd>
                    <dt>{t('plans.concurrency')}</dt>
                    <dd>{p.maxConcurrency}</dd>
                    <dt>{t('plans.weight')}</dt>
                    <dd>{p.poolWeight}</dd>
                    <dt>{t('plans.allowed')}</dt>
                    <dd>{Array.isArray(p.allowedPlugins) ? p.allowedPlugins.join(' ') : String(p.allowedPlugins ?? '')}</dd>
                  </dl>
                </article>
              );
            })}
          </div>
        )}
      </Async>
    </section>
  );
}
