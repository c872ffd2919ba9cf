import { useState } from 'preact/hooks';
import { ApiError, get, items, put } from '../../api';
import { useAction } from '../../hooks';
import { ErrorMessage } from '../../components/ui';
import { useLoad } from '../../hooks';
import { formatMoney, formatNumber, useI18n } from '../../i18n';
import { Async, PageHeader } from '../../components/ui';

/** Where the operator's plan list lives (issue 5). */
export const PLANS_PATH = '/api/plans';

export function PlansPage() {
  const { t, lang } = useI18n();
  const plans = useLoad(() => get(PLANS_PATH).then((p) => items(p)));
  return (
    <section>
      <PageHeader title={t('plans.title')} />
      <Async state={plans}>
        {(list) => (
          <div class="cards plans">
            {list.map((p: any) => {
              const limits = p.rateLimits ?? p;
              const meterRows: any[] = Array.isArray(p.meters)
                ? p.meters
                : Object.entries(p.meters ?? {}).map(([meter, m]) => ({ meter, ...(m as object) }));
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
                  {meterRows.length > 0 && (
                    <div class="scroll-x" tabIndex={0} role="region" aria-label={p.name}>
                    <table class="compact">
                      <caption class="sr-only">{p.name}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('usage.meter')}</th>
                          <th scope="col" class="num">{t('invoices.included')}</th>
                          <th scope="col" class="num">{t('invoices.unitPrice')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {meterRows.map((m: any) => (
                          <tr key={m.meter}>
                            <td>{m.meter}</td>
                            <td class="num">{formatNumber(m.included, lang)}</td>
                            <td class="num">{price(m.tiers?.[0]?.unitPrice ?? m.unitPrice, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    </div>
                  )}
                  <PlanEditor plan={p} onSaved={plans.reload} />
                </article>
              );
            })}
          </div>
        )}
      </Async>
    </section>
  );
}

/** The operator edits a plan as the JSON the API takes; the server validates and explains. */
function PlanEditor({ plan, onSaved }: { plan: any; onSaved: () => void }) {
  const { t } = useI18n();
  const { id, updatedAt, ...editable } = plan;
  void updatedAt;
  const [text, setText] = useState(() => JSON.stringify(editable, null, 2));
  const save = useAction(async () => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(0, 'client', 'The plan is not valid JSON.');
    }
    await put(`/api/admin/plans/${encodeURIComponent(id)}`, body);
    onSaved();
  });
  return (
    <details>
      <summary>{t('plans.edit')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.run();
        }}
      >
        <label for={`plan-json-${id}`} class="sr-only">
          {t('plans.edit')} {plan.name}
        </label>
        <textarea id={`plan-json-${id}`} rows={12} class="mono" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" disabled={save.busy}>
          {save.busy ? t('common.saving') : t('common.save')}
        </button>
        <ErrorMessage error={save.error} />
      </form>
    </details>
  );
}

/** Unit prices are tiny decimals (0.00002): four significant digits, not a row of zeros. */
function price(value: unknown, lang: string): string {
  if (value === undefined || value === null || value === '') return '';
  const n = Number(value);
  if (Number.isNaN(n)) return String(value);
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumSignificantDigits: 4 });
}
