import { useState } from 'preact/hooks';
import { get, items, post, put } from '../../api';
import { useAction, useLoad } from '../../hooks';
import { formatDate, formatMoney, formatNumber, useI18n } from '../../i18n';
import { linkClick } from '../../router';
import { meterName, usePluginMeters } from '../../meters';
import { planName, type Plan } from '../../plans';
import { Async, ConfirmDialog, ErrorMessage, PageHeader, StatusBadge } from '../../components/ui';
import type { Invoice } from '../../invoice';
import type { TenantAccount } from './Tenants';

interface Account extends TenantAccount {
  history: { planId: string; startsAt: string; endsAt: string | null; discountPercent: string }[];
  meters: { meter: string; unit: string; used: number; included: number; hardLimit: number | null }[];
  invoices: Invoice[];
}

/** One tenant for the operator: suspension, plan and discount, plan history, usage this month, invoices. */
export function TenantAccountPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const account = useLoad(() => get<Account>(`/api/admin/billing/tenants/${encodeURIComponent(id)}`), [id]);
  const plugins = usePluginMeters();
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
            <PageHeader title={a.name}>{a.suspended && <StatusBadge status="suspended" />}</PageHeader>
            <Suspension account={a} onChanged={account.reload} />
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
            <ChangeSubscription account={a} onChanged={account.reload} />
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
                      <td data-label={t('plans.meter')}>{meterName(m.meter, lang, plugins)}</td>
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

/** The operator moves the tenant to a plan with a discount, from now on, after confirming. */
function ChangeSubscription({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t } = useI18n();
  const plans = useLoad(() => get('/api/plans').then((p) => items<Plan>(p)));
  const [plan, setPlan] = useState(account.planId);
  const [discount, setDiscount] = useState(String(Number(account.discountPercent)));
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    await put(`/api/admin/tenants/${encodeURIComponent(account.id)}/subscription`, { plan, discountPercent: discount });
    setConfirming(false);
    setDone(true);
    onChanged();
    return true;
  });
  const chosen = plans.data?.find((p) => p.id === plan);
  return (
    <form
      class="card toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        setConfirming(true);
      }}
    >
      <div class="field">
        <label for="account-plan">{t('overview.plan')}</label>
        <select id="account-plan" value={plan} onChange={(e) => setPlan(e.currentTarget.value)}>
          {(plans.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {planName(p, t)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="account-discount">{t('tenants.discountField')}</label>
        <input id="account-discount" type="number" min={0} max={100} step="0.01" value={discount} onInput={(e) => setDiscount(e.currentTarget.value)} required />
      </div>
      <button type="submit">{t('tenants.applyPlan')}</button>
      {done && (
        <p class="ok" role="status">
          {t('tenants.planApplied')}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('tenants.applyPlan')}
          message={t('tenants.confirmPlan', { plan: chosen ? planName(chosen, t) : plan, percent: discount, tenant: account.name })}
          confirmLabel={t('common.confirm')}
          busy={save.busy}
          error={save.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => save.run()}
        />
      )}
    </form>
  );
}

/**
 * Suspends the tenant (a reason is required, and a confirmation) or resumes it: while suspended its
 * API keys and its users' dashboard are refused.
 */
function Suspension({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string>();
  const path = `/api/admin/tenants/${encodeURIComponent(account.id)}`;
  const change = useAction(async () => {
    if (account.suspended) await post(`${path}/resume`);
    else await post(`${path}/suspend`, { reason: reason.trim() });
    setConfirming(false);
    setReason('');
    setDone(account.suspended ? t('tenants.resumedDone') : t('tenants.suspendedDone'));
    onChanged();
    return true;
  });
  return (
    <form
      class="card stack"
      id="tenant-suspension"
      aria-labelledby="tenant-suspension-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        change.setError(undefined);
        setConfirming(true);
      }}
    >
      <h2 id="tenant-suspension-title">{t('tenants.account')}</h2>
      {account.suspended ? (
        <>
          <p>{t('tenants.suspendedSince', { at: formatDate(account.suspendedAt, lang) })}</p>
          <p>
            {t('tenants.reason')}: <span id="tenant-suspension-reason">{account.suspendedReason}</span>
          </p>
        </>
      ) : (
        <>
          <p>{t('tenants.activeSince')}</p>
          <div class="field">
            <label for="suspend-reason">{t('tenants.reason')}</label>
            <input
              id="suspend-reason"
              required
              maxLength={500}
              value={reason}
              aria-describedby="suspend-reason-hint"
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <small id="suspend-reason-hint" class="muted">
              {t('tenants.reasonHint')}
            </small>
          </div>
        </>
      )}
      <div class="actions">
        <button type="submit" class={account.suspended ? undefined : 'danger'}>
          {account.suspended ? t('tenants.resume') : t('tenants.suspend')}
        </button>
      </div>
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      {!confirming && <ErrorMessage error={change.error} />}
      {confirming && (
        <ConfirmDialog
          title={t(account.suspended ? 'tenants.confirmResumeTitle' : 'tenants.confirmSuspendTitle', { tenant: account.name })}
          message={
            account.suspended
              ? t('tenants.confirmResume', { tenant: account.name })
              : t('tenants.confirmSuspend', { tenant: account.name, reason: reason.trim() })
          }
          confirmLabel={account.suspended ? t('tenants.resume') : t('tenants.suspend')}
          busy={change.busy}
          error={change.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => change.run()}
        />
      )}
    </form>
  );
}
