import { useState } from 'preact/hooks';
import { ApiError, get, items, put } from '../../api';
import { useAction } from '../../hooks';
import { ErrorMessage } from '../../components/ui';
import { useLoad } from '../../hooks';
import { useI18n } from '../../i18n';
import { PlanCard } from '../../components/PlanCard';
import type { Plan } from '../../plans';
import { Async, PageHeader } from '../../components/ui';

/** Where the operator's plan list lives (issue 5). */
export const PLANS_PATH = '/api/plans';

export function AdminPlansPage() {
  const { t } = useI18n();
  const plans = useLoad(() => get(PLANS_PATH).then((p) => items<Plan & { currency: string }>(p)));
  return (
    <section>
      <PageHeader title={t('plans.title')} />
      <Async state={plans}>
        {(list) => (
          <div class="cards plans">
            {list.map((p) => (
              <PlanCard key={p.id} plan={p} currency={p.currency}>
                <PlanEditor plan={p} onSaved={plans.reload} />
              </PlanCard>
            ))}
          </div>
        )}
      </Async>
    </section>
  );
}

/** The operator edits a plan as the JSON the API takes; the server validates and explains. */
function PlanEditor({ plan, onSaved }: { plan: any; onSaved: () => void }) {
  const { t } = useI18n();
  const { id, updatedAt, currency, ...editable } = plan;
  void updatedAt;
  void currency;
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
