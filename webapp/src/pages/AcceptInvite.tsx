import { useState } from 'preact/hooks';
import { post } from '../api';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';
import { useLocation } from '../router';
import { ErrorMessage } from '../components/ui';
import { LanguageSwitch } from '../components/LanguageSwitch';

export function AcceptInvitePage({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    const session = await post('/api/auth/accept-invite', { token, password }, { anonymous: true });
    onSignedIn(session.token);
  });
  return (
    <main class="center" id="main">
      <div class="auth-card">
        <div class="auth-top">
          <span class="brand">Atrium</span>
          <LanguageSwitch />
        </div>
        <h1 id="page-title" tabIndex={-1}>
          {t('invite.title')}
        </h1>
        {!token ? (
          <p class="error" role="alert">
            {t('invite.missing')}
          </p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              action.run();
            }}
          >
            <p>{t('invite.choose')}</p>
            <div class="field">
              <label for="invite-password">{t('auth.password')}</label>
              <input
                id="invite-password"
                type="password"
                required
                autoComplete="new-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-describedby="invite-hint"
              />
              <small id="invite-hint">{t('auth.passwordHint')}</small>
            </div>
            <ErrorMessage error={action.error} />
            <button type="submit" disabled={action.busy}>
              {action.busy ? t('auth.working') : t('invite.accept')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
