import { useState } from 'preact/hooks';
import { get, items, put } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, formatMoney, useI18n } from '../i18n';
import { hasRole, useSession } from '../session';
import { Async, Dialog, ErrorMessage, PageHeader } from '../components/ui';
import { PlanCard } from '../components/PlanCard';
import { planName, type Plan, type PlanChangePreview } from '../plans';

/**
 * The tenant's plans side by side. The owner picks one, sees the prorated charge the server
 * computes for changing now (the same calculation as the invoice), confirms, and is told it is done.
 */
export function PlansPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const owner = hasRole(me, 'owner');
  const plans = useLoad(() => get('/api/plans').then((p) => items<Plan & { currency: string }>(p)));
  const subscription = useLoad(() => get<{ planId: string }>('/api/subscription'));
  const [preview, setPreview] = useState<PlanChangePreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ask = useAction(async (plan: Plan) => {
    setDone(null);
    setPreview(await get<PlanChangePreview>(`/api/subscription/preview?plan=${encodeURIComponent(plan.id)}`));
  });
  const change = useAction(async (p: PlanChangePreview) => {
    await put('/api/subscription', { plan: p.plan.id });
    setPreview(null);
    setDone(planName(p.plan, t));
    subscription.reload();
  });
  const current = subscription.data?.planId;
  return (
    <section>
      <PageHeader title={t('plans.title')} />
      {done && (
        <p class="ok" role="status">
          {t('plans.changed', { plan: done })}
        </p>
      )}
      <ErrorMessage error={ask.error} />
      <Async state={plans}>
        {(list) => (
          <div class="cards plans">
            {list.map((p) => (
              <PlanCard key={p.id} plan={p} currency={p.currency} current={p.id === current}>
                {owner && current && p.id !== current && (
                  <button type="button" onClick={() => ask.run(p)} disabled={ask.busy}>
                    {t('plans.switch', { plan: planName(p, t) })}
                  </button>
                )}
              </PlanCard>
            ))}
          </div>
        )}
      </Async>
      {!owner && <p class="muted">{t('plans.ownerOnly')}</p>}
      {preview && (
        <Dialog
          title={t('plans.confirmTitle', { plan: planName(preview.plan, t) })}
          onClose={() => setPreview(null)}
          footer={
            <>
              <button type="button" class="secondary" onClick={() => setPreview(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" onClick={() => change.run(preview)} disabled={change.busy}>
                {change.busy ? t('common.saving') : t('plans.confirm')}
              </button>
            </>
          }
        >
          <p>
            {t('plans.effective', { when: formatDate(preview.effectiveAt, lang), period: preview.period })}
          </p>
          <p class="big prorated">
            {Number(preview.proratedCharge) < 0
              ? t('plans.credit', { amount: formatMoney(-Number(preview.proratedCharge), preview.currency, lang) })
              : t('plans.charge', { amount: formatMoney(preview.proratedCharge, preview.currency, lang) })}
          </p>
          <table class="compact">
            <caption>{t('plans.feesThisMonth')}</caption>
            <tbody>
              {preview.fees.map((f, i) => (
                <tr key={i}>
                  <td>
                    {t('plans.feeLine', {
                      plan: planName({ id: f.planId, name: f.planName }, t),
                      from: formatDate(f.from, lang),
                      to: formatDate(f.to, lang),
                    })}
                  </td>
                  <td class="num">{formatMoney(f.amount, preview.currency, lang)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('plans.monthBefore')}</th>
                <td class="num">{formatMoney(preview.monthTotalBefore, preview.currency, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('plans.monthAfter')}</th>
                <td class="num">{formatMoney(preview.monthTotalAfter, preview.currency, lang)}</td>
              </tr>
            </tbody>
          </table>
          <ErrorMessage error={change.error} />
        </Dialog>
      )}
    </section>
  );
}
