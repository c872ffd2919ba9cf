import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useI18n, type MessageKey } from '../i18n';

/** An API failure as a sentence (the problem's detail), with an optional retry. */
export function ErrorMessage({ error, onRetry }: { error?: ApiError | Error | null; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const missing = error instanceof ApiError && error.missing;
  return (
    <div class={missing ? 'notice' : 'error'} role="alert">
      <span>{missing ? t('common.notAvailable') : error.message || t('common.error')}</span>
      {error instanceof ApiError && error.requestId && !missing && (
        <span class="muted request-id">
          {t('common.requestId')} <code>{error.requestId}</code>
        </span>
      )}
      {onRetry && !missing && (
        <button type="button" class="link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

/** Renders loading, error or the children once data is there. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error?: ApiError; loading: boolean; reload: () => void };
  children: (data: T) => ComponentChildren;
}) {
  if (state.error && state.data === undefined) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

export function Progress({ value, label }: { value?: number; label: string }) {
  return (
    <div class="progress-wrap">
      <progress max={1} value={value} aria-label={label} />
      <span class="muted">{label}</span>
    </div>
  );
}

/** A meter bar for "used of limit", red when over. */
export function UsageBar({ used, limit, label }: { used: number; limit: number; label: string }) {
  const ratio = limit > 0 ? used / limit : 0;
  const cls = ratio >= 1 ? 'bar over' : ratio >= 0.8 ? 'bar warn' : 'bar';
  return (
    <div class={cls} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
      <div style={{ width: `${Math.min(100, ratio * 100)}%` }} />
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status.${status}` as MessageKey;
  const text = t(key) === key ? status : t(key);
  return <span class={`badge badge-${status}`}>{text}</span>;
}

export function CopyButton({ text, label, onCopied }: { text: string; label?: string; onCopied?: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (insecure origin): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand('copy');
      } catch {
        // nothing more we can do; the text stays visible to copy by hand
      }
      area.remove();
    }
    setCopied(true);
    onCopied?.();
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" class="secondary" onClick={copy} aria-label={label ?? t('common.copy')}>
      {copied ? t('common.copied') : t('common.copy')}
      <span class="sr-only" aria-live="polite">
        {copied ? t('common.copied') : ''}
      </span>
    </button>
  );
}

/** The secret shown once (a new API key, an invitation link) with its copy button. */
export function Secret({ value, label }: { value: string; label: string }) {
  return (
    <div class="secret">
      <input type="text" readOnly value={value} aria-label={label} onFocus={(e) => e.currentTarget.select()} />
      <CopyButton text={value} label={label} />
    </div>
  );
}

let dialogCount = 0;

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape closes, and focus returns to what
 * opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [id] = useState(() => `dialog-${++dialogCount}`);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>(
      'input:not([readonly]), select, textarea, button:not(.dialog-x), input',
    );
    (first ?? ref.current)?.focus();
    return () => opener?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab' && ref.current) {
      const focusable = Array.from(
        ref.current.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex="0"]'),
      ).filter((el) => !el.hasAttribute('disabled'));
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div class="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        ref={ref}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div class="dialog-body">{children}</div>
        {footer && <div class="dialog-footer">{footer}</div>}
      </div>
    </div>
  );
}

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: ApiError;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" class="danger" onClick={onConfirm} disabled={busy}>
            {busy ? t('auth.working') : confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
      <ErrorMessage error={error} />
    </Dialog>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}
