import { useState } from 'preact/hooks';
import { get, post } from '../../api';
import { useAction, useLoad } from '../../hooks';
import { formatDate, useI18n } from '../../i18n';
import { ConfirmDialog } from '../../components/ui';

interface ClockState {
  now: string;
  offsetSeconds: number;
  advanceable: boolean;
}

/** The first instant of the month after `iso`, plus an hour (the month before it has then ended). */
export function startOfNextMonth(iso: string): string {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 1)).toISOString();
}

/**
 * Billing time, and on a development server that enables the test clock, the operator moves it to
 * the next month so the current one ends and can be closed (docs/billing.md#test-clock).
 */
export function BillingClockCard({ onAdvanced }: { onAdvanced: (now: string) => void }) {
  const { t, lang } = useI18n();
  const clock = useLoad(() => get<ClockState>('/api/admin/billing/clock'));
  const [confirming, setConfirming] = useState(false);
  const advance = useAction(async (to: string) => {
    const state = await post<ClockState>('/api/admin/billing/clock', { advanceTo: to });
    setConfirming(false);
    clock.reload();
    onAdvanced(state.now);
  });
  const c = clock.data;
  if (!c || (!c.advanceable && c.offsetSeconds === 0)) return null;
  const target = startOfNextMonth(c.now);
  return (
    <div class="card toolbar test-clock">
      <p class="grow">
        <strong>{t('clock.title')}</strong> {t('clock.now', { now: formatDate(c.now, lang) })}{' '}
        {c.offsetSeconds > 0 && <span class="badge badge-draft">{t('clock.ahead')}</span>}
      </p>
      {c.advanceable && (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t('clock.advance')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('clock.confirmTitle')}
          message={t('clock.confirm', { to: formatDate(target, lang) })}
          confirmLabel={t('clock.advance')}
          busy={advance.busy}
          error={advance.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => advance.run(target)}
        />
      )}
    </div>
  );
}
