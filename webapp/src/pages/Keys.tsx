import { useState } from 'preact/hooks';
import { del, get, items, post } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { hasRole, useSession } from '../session';
import { forgetRevokedPlaygroundKey, rememberPlaygroundKey, storedPlaygroundKey } from '../playgroundKey';
import { Async, ConfirmDialog, Dialog, ErrorMessage, PageHeader, Secret, StatusBadge } from '../components/ui';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
  key?: string;
}

export function KeysPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const canManage = hasRole(me, 'developer');
  const keys = useLoad(() => get('/api/keys').then((p) => items<ApiKey>(p)));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const revoke = useAction(async (key: ApiKey) => {
    await del(`/api/keys/${key.id}`);
    forgetRevokedPlaygroundKey(key.prefix);
    setRevoking(null);
    keys.reload();
  });

  return (
    <section>
      <PageHeader title={t('keys.title')}>
        {canManage && (
          <button type="button" onClick={() => setCreating(true)} id="create-key">
            {t('keys.create')}
          </button>
        )}
      </PageHeader>
      <Async state={keys}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('keys.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive" id="keys-table">
                <caption class="sr-only">{t('keys.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('keys.prefix')}</th>
                    <th scope="col">{t('keys.scopes')}</th>
                    <th scope="col">{t('common.created')}</th>
                    <th scope="col">{t('keys.expires')}</th>
                    <th scope="col">{t('keys.lastUsed')}</th>
                    <th scope="col">{t('common.status')}</th>
                    {canManage && <th scope="col">{t('common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.map((k) => (
                    <tr key={k.id} data-key-id={k.id}>
                      <td data-label={t('common.name')}>{k.name}</td>
                      <td data-label={t('keys.prefix')}>
                        <code>{k.prefix}…</code>
                      </td>
                      <td data-label={t('keys.scopes')}>{k.scopes.join(' ')}</td>
                      <td data-label={t('common.created')}>{formatDate(k.createdAt, lang)}</td>
                      <td data-label={t('keys.expires')}>{k.expiresAt ? formatDate(k.expiresAt, lang) : t('common.never')}</td>
                      <td data-label={t('keys.lastUsed')}>{k.lastUsedAt ? formatDate(k.lastUsedAt, lang) : t('common.never')}</td>
                      <td data-label={t('common.status')}>
                        <StatusBadge status={k.status} />
                      </td>
                      {canManage && (
                        <td data-label={t('common.actions')} class="row-actions">
                          {k.status === 'active' && !k.replacedBy && (
                            <button type="button" class="secondary" onClick={() => setRotating(k)} aria-label={`${t('keys.rotate')} ${k.name}`}>
                              {t('keys.rotate')}
                            </button>
                          )}
                          {k.status !== 'revoked' && (
                            <button
                              type="button"
                              class="danger"
                              onClick={() => {
                                revoke.setError(undefined);
                                setRevoking(k);
                              }}
                              aria-label={`${t('keys.revoke')} ${k.name}`}
                            >
                              {t('keys.revoke')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
            if (k.key && !storedPlaygroundKey()) rememberPlaygroundKey(k.key);
            keys.reload();
          }}
        />
      )}
      {rotating && (
        <RotateKeyDialog
          keyToRotate={rotating}
          onClose={() => setRotating(null)}
          onRotated={(k) => {
            if (k.key && storedPlaygroundKey().startsWith(rotating.prefix)) rememberPlaygroundKey(k.key);
            setRotating(null);
            setCreated(k);
            keys.reload();
          }}
        />
      )}
      {created && <ShowOnceDialog apiKey={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <ConfirmDialog
          title={t('keys.revoke')}
          message={t('keys.revokeConfirm', { name: revoking.name })}
          confirmLabel={t('keys.revoke')}
          busy={revoke.busy}
          error={revoke.error}
          onConfirm={() => revoke.run(revoking)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

export function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (k: ApiKey) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('*');
  const [expires, setExpires] = useState('');
  const action = useAction(async () => {
    const body: Record<string, unknown> = {
      name,
      scopes: scopes.split(/[\s,]+/).filter(Boolean),
    };
    if (expires) body.expiresAt = new Date(expires).toISOString();
    onCreated(await post<ApiKey>('/api/keys', body));
  });
  return (
    <Dialog title={t('keys.create')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          action.run();
        }}
      >
        <div class="field">
          <label for="key-name">{t('keys.name')}</label>
          <input id="key-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={200} />
        </div>
        <div class="field">
          <label for="key-scopes">{t('keys.scopes')}</label>
          <input id="key-scopes" value={scopes} onInput={(e) => setScopes(e.currentTarget.value)} aria-describedby="key-scopes-hint" />
          <small id="key-scopes-hint">{t('keys.scopesHint')}</small>
        </div>
        <div class="field">
          <label for="key-expires">{t('keys.expires')}</label>
          <input id="key-expires" type="datetime-local" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} aria-describedby="key-expires-hint" />
          <small id="key-expires-hint">{t('keys.expiresHint')}</small>
        </div>
        <ErrorMessage error={action.error} />
        <div class="dialog-footer">
          <button type="button" class="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={action.busy} id="create-key-submit">
            {action.busy ? t('common.saving') : t('keys.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RotateKeyDialog({
  keyToRotate,
  onClose,
  onRotated,
}: {
  keyToRotate: ApiKey;
  onClose: () => void;
  onRotated: (k: ApiKey) => void;
}) {
  const { t } = useI18n();
  const [grace, setGrace] = useState('3600');
  const action = useAction(async () => {
    onRotated(await post<ApiKey>(`/api/keys/${keyToRotate.id}/rotate`, { gracePeriodSeconds: Number(grace) || 0 }));
  });
  return (
    <Dialog title={t('keys.rotateTitle', { name: keyToRotate.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          action.run();
        }}
      >
        <p>{t('keys.rotateExplain')}</p>
        <div class="field">
          <label for="rotate-grace">{t('keys.grace')}</label>
          <input id="rotate-grace" type="number" min={0} max={604800} value={grace} onInput={(e) => setGrace(e.currentTarget.value)} />
        </div>
        <ErrorMessage error={action.error} />
        <div class="dialog-footer">
          <button type="button" class="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={action.busy}>
            {action.busy ? t('common.saving') : t('keys.rotate')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ShowOnceDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={t('keys.newKey')}
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose} id="close-secret">
          {t('common.close')}
        </button>
      }
    >
      <p class="notice">{t('keys.shownOnce')}</p>
      <Secret value={apiKey.key ?? ''} label={t('keys.newKey')} />
    </Dialog>
  );
}
