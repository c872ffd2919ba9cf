import { useState } from 'preact/hooks';
import { post, type SessionEnd } from '../api';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';
import { linkClick } from '../router';
import { ErrorMessage } from '../components/ui';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ThemeSwitch } from '../components/ThemeSwitch';

export function AuthPage({
  mode,
  ended,
  onSignedIn,
}: {
  mode: 'login' | 'signup';
  /** Why the last session ended, if it did: shown above the form. */
  ended: SessionEnd | null;
  onSignedIn: (token: string) => void;
}) {
  const { t } = useI18n();
  const [tenant, setTenant] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    const session =
      mode === 'signup'
        ? await post('/api/auth/signup', { tenant, email, password }, { anonymous: true })
        : await post('/api/auth/login', { email, password }, { anonymous: true });
    onSignedIn(session.token);
  });
  // A suspended tenant's user learns it in their language, whether the session ended or login refused.
  const suspended = action.error ? action.error.code === 'tenant_suspended' : ended === 'suspended';
  const submit = (e: Event) => {
    e.preventDefault();
    action.run();
  };
  return (
    <div class="auth-card">
      <div class="auth-top">
        <span class="brand">Atrium</span>
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
      <h1 id="page-title" tabIndex={-1}>
        {mode === 'signup' ? t('auth.signup') : t('auth.login')}
      </h1>
      {ended === 'expired' && mode === 'login' && !suspended && (
        <p class="notice" role="status">
          {t('auth.expired')}
        </p>
      )}
      {suspended && (
        <p class="error" role="alert" id="suspended-notice">
          {t('auth.suspended')}
        </p>
      )}
      <form onSubmit={submit}>
        {mode === 'signup' && (
          <div class="field">
            <label for="tenant">{t('auth.tenant')}</label>
            <input id="tenant" name="tenant" required value={tenant} onInput={(e) => setTenant(e.currentTarget.value)} autoComplete="organization" />
          </div>
        )}
        <div class="field">
          <label for="email">{t('auth.email')}</label>
          <input id="email" name="email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoComplete="username" />
        </div>
        <div class="field">
          <label for="password">{t('auth.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
          />
          {mode === 'signup' && <small id="password-hint">{t('auth.passwordHint')}</small>}
        </div>
        {!suspended && <ErrorMessage error={action.error} />}
        <button type="submit" disabled={action.busy} id="auth-submit">
          {action.busy ? t('auth.working') : mode === 'signup' ? t('auth.signup') : t('auth.login')}
        </button>
      </form>
      <p class="muted">
        {mode === 'signup' ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
        <a href={mode === 'signup' ? '/login' : '/signup'} onClick={linkClick} id="auth-switch">
          {mode === 'signup' ? t('auth.login') : t('auth.signup')}
        </a>
      </p>
    </div>
  );
}
