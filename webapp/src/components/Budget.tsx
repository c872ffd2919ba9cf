import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, post, put } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, formatMoney, useI18n } from '../i18n';
import { parseThresholds } from '../usage';
import { ErrorMessage, Secret, StatusBadge } from './ui';
import { hasRole, useSession } from '../session';

interface BudgetAlert {
  alertId: string;
  percent: number;
  budget: string;
  spent: string;
  currency: string;
  raisedAt: string;
  dismissed: boolean;
}

interface BudgetState {
  budget: { monthlyAmount: string; thresholds: number[]; webhookUrl: string | null } | null;
  currency: string;
  spent: string;
  alerts: BudgetAlert[];
  deliveries: { alertId: string; attempt: number; status: number | null; error: string | null; delivered: boolean; attemptedAt: string }[];
  webhookSecret?: string;
}

/**
 * This month's highest budget alert, at the top of every page until the month ends or an admin
 * dismisses it (it comes back when a higher threshold is crossed).
 */
export function BudgetNotice() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [alert, setAlert] = useState<BudgetAlert>();
  useEffect(() => {
    get<{ data: BudgetAlert[] }>('/api/budget/alerts')
      .then((page) => setAlert(page.data[0]?.dismissed ? undefined : page.data[0]))
      .catch(() => setAlert(undefined));
  }, []);
  const dismiss = useAction(async () => {
    if (!alert) return;
    await post(`/api/budget/alerts/${encodeURIComponent(alert.alertId)}/dismiss`);
    setAlert(undefined);
  });
  if (!alert) return null;
  return (
    <div class="notice budget-notice" role="status" id="budget-notice">
      <span>
        {t('budget.notice', {
          percent: alert.percent,
          budget: formatMoney(alert.budget, alert.currency, lang),
          spent: formatMoney(alert.spent, alert.currency, lang),
        })}
      </span>
      {hasRole(me, 'admin') && (
        <button
          type="button"
          class="link"
          id="budget-notice-dismiss"
          title={t('budget.dismissLabel')}
          disabled={dismiss.busy}
          onClick={() => dismiss.run()}
        >
          {t('budget.dismiss')}
        </button>
      )}
      <ErrorMessage error={dismiss.error} />
    </div>
  );
}

/** The tenant's budget: amount, thresholds, webhook (its secret shown once), alerts and deliveries. */
export function BudgetPanel() {
  const { t, lang } = useI18n();
  const state = useLoad(() => get<BudgetState>('/api/budget'), []);
  const [amount, setAmount] = useState('');
  const [thresholds, setThresholds] = useState('50, 80, 100');
  const [webhook, setWebhook] = useState('');
  const [secret, setSecret] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const b = state.data?.budget;
    if (b) {
      setAmount(b.monthlyAmount);
      setThresholds(b.thresholds.join(', '));
      setWebhook(b.webhookUrl ?? '');
    }
  }, [state.data]);
  const save = useAction(async () => {
    const body: Record<string, unknown> = { monthlyAmount: amount.trim(), thresholds: parseThresholds(thresholds) };
    if (webhook.trim()) body.webhookUrl = webhook.trim();
    const answer = await put<BudgetState>('/api/budget', body);
    setSecret(answer.webhookSecret);
    setSaved(true);
    state.reload();
  });
  const remove = useAction(async () => {
    await del('/api/budget');
    setAmount('');
    setWebhook('');
    setSecret(undefined);
    state.reload();
  });
  if (state.error instanceof ApiError && state.error.status === 403) return null;
  const data = state.data;
  const currency = data?.currency ?? 'USD';
  return (
    <section class="card" id="budget" aria-labelledby="budget-title">
      <h2 id="budget-title">{t('budget.title')}</h2>
      {data && (
        <p id="budget-spent">
          {data.budget
            ? t('budget.spent', { spent: formatMoney(data.spent, currency, lang), budget: formatMoney(data.budget.monthlyAmount, currency, lang) })
            : t('budget.none')}
        </p>
      )}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.run();
        }}
      >
        <div class="field">
          <label for="budget-amount">{t('budget.amount', { currency })}</label>
          <input id="budget-amount" inputMode="decimal" required value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="budget-thresholds">{t('budget.thresholds')}</label>
          <input id="budget-thresholds" value={thresholds} aria-describedby="budget-thresholds-hint" onInput={(e) => setThresholds(e.currentTarget.value)} />
          <small id="budget-thresholds-hint" class="muted">
            {t('budget.thresholdsHint')}
          </small>
        </div>
        <div class="field">
          <label for="budget-webhook">{t('budget.webhook')}</label>
          <input id="budget-webhook" type="url" value={webhook} aria-describedby="budget-webhook-hint" onInput={(e) => setWebhook(e.currentTarget.value)} />
          <small id="budget-webhook-hint" class="muted">
            {t('budget.webhookHint')}
          </small>
        </div>
        <ErrorMessage error={save.error ?? remove.error} />
        {saved && !save.error && <p role="status">{t('budget.saved')}</p>}
        {secret && (
          <div class="field">
            <span>{t('budget.secret')}</span>
            <Secret value={secret} label={t('budget.secret')} />
          </div>
        )}
        <div class="actions">
          <button type="submit" disabled={save.busy}>
            {save.busy ? t('common.saving') : t('common.save')}
          </button>
          {data?.budget && (
            <button type="button" class="secondary" disabled={remove.busy} onClick={() => remove.run()}>
              {t('budget.remove')}
            </button>
          )}
        </div>
      </form>
      {data && data.alerts.length > 0 && (
        <>
          <h3>{t('budget.alerts')}</h3>
          <ul id="budget-alerts">
            {data.alerts.map((a) => (
              <li key={a.alertId}>
                {a.percent}% · {formatMoney(a.spent, a.currency, lang)} · <span class="muted">{formatDate(a.raisedAt, lang)}</span>
                {a.dismissed && <span class="muted"> · {t('budget.dismissed')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {data && data.deliveries.length > 0 && (
        <div class="table-wrap">
          <table id="budget-deliveries">
            <caption>{t('budget.deliveries')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('requests.time')}</th>
                <th scope="col">{t('budget.attempt')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.deliveries.map((d, i) => (
                <tr key={i}>
                  <td>{formatDate(d.attemptedAt, lang)}</td>
                  <td class="num">{d.attempt}</td>
                  <td>
                    <StatusBadge status={d.delivered ? 'active' : 'failed'} /> {d.status ?? d.error ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
