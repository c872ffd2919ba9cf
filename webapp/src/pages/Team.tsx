import { useState } from 'preact/hooks';
import { get, items, patch, post } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, useI18n, type MessageKey } from '../i18n';
import { hasRole, useSession } from '../session';
import { Async, Dialog, ErrorMessage, PageHeader, Secret, StatusBadge } from '../components/ui';

const ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;

interface User {
  id: string;
  email: string;
  role: string;
  status: string;
  createdAt: string;
}

export function inviteLink(token: string, origin = location.origin): string {
  return `${origin}/accept-invite?token=${encodeURIComponent(token)}`;
}

export function TeamPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const canManage = hasRole(me, 'admin');
  const users = useLoad(() => get('/api/users').then((p) => items<User>(p)));
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('developer');
  const [invitation, setInvitation] = useState<{ email: string; link: string; expires: string } | null>(null);
  const invite = useAction(async () => {
    const r = await post('/api/users', { email, role });
    setInvitation({ email, link: inviteLink(r.inviteToken), expires: r.inviteExpiresAt });
    setEmail('');
    users.reload();
  });
  const change = useAction(async (user: User, newRole: string) => {
    await patch(`/api/users/${user.id}`, { role: newRole });
    users.reload();
  });
  return (
    <section>
      <PageHeader title={t('team.title')} />
      {canManage && (
        <form
          class="card toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            invite.run();
          }}
        >
          <div class="field grow">
            <label for="invite-email">{t('auth.email')}</label>
            <input id="invite-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="invite-role">{t('team.role')}</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={invite.busy}>
            {t('team.invite')}
          </button>
          <ErrorMessage error={invite.error} />
        </form>
      )}
      <ErrorMessage error={change.error} />
      <Async state={users}>
        {(list) => (
          <div class="table-wrap">
            <table class="responsive">
              <caption class="sr-only">{t('team.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auth.email')}</th>
                  <th scope="col">{t('team.role')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('common.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id}>
                    <td data-label={t('auth.email')}>{u.email}</td>
                    <td data-label={t('team.role')}>
                      {canManage && u.id !== me.user.id ? (
                        <select
                          aria-label={t('team.changeRole', { email: u.email })}
                          value={u.role}
                          disabled={change.busy}
                          onChange={(e) => change.run(u, e.currentTarget.value)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(`role.${r}` as MessageKey)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        t(`role.${u.role}` as MessageKey)
                      )}
                    </td>
                    <td data-label={t('common.status')}>
                      <StatusBadge status={u.status} />
                    </td>
                    <td data-label={t('common.created')}>{formatDate(u.createdAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      {invitation && (
        <Dialog
          title={t('team.inviteLink')}
          onClose={() => setInvitation(null)}
          footer={
            <button type="button" onClick={() => setInvitation(null)}>
              {t('common.close')}
            </button>
          }
        >
          <p class="notice">{t('team.inviteOnce', { email: invitation.email, when: formatDate(invitation.expires, lang) })}</p>
          <Secret value={invitation.link} label={t('team.inviteLink')} />
        </Dialog>
      )}
    </section>
  );
}
