import { useState } from 'preact/hooks';
import { ApiError, del, get, items, post } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { hasRole, useSession } from '../session';
import { forgetRevokedPlaygroundKey, rememberPlaygroundKey, storedPlaygroundKey } from '../playgroundKey';
import { Async, ConfirmDialog, Dialog, ErrorMessage, PageHeader, Secret, StatusBadge } from '../components/ui';
import { ALL, scopeOptions, toggleScope, type ScopeOption } from '../scopes';
import { normalisePlugin } from '../plugins';
import type { MessageKey } from '../i18n';

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
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([ALL]);
  const [expires, setExpires] = useState('');
  const options = useLoad(async () => {
    const [page, plugins] = await Promise.all([get('/api/scopes'), get('/api/plugins').catch(() => [])]);
    return scopeOptions(page, items(plugins).map(normalisePlugin), lang);
  }, [lang]);
  const action = useAction(async () => {
    if (scopes.length === 0) throw new ApiError(0, 'client', t('keys.scopesNone'));
    const body: Record<string, unknown> = { name, scopes };
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
        <ScopePicker options={options.data} selected={scopes} onChange={setScopes} />
        <ErrorMessage error={options.error} />
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

/** The scopes that exist as checkboxes: everything, the platform's APIs, each plugin. */
function ScopePicker({ options, selected, onChange }: { options?: ScopeOption[]; selected: string[]; onChange: (s: string[]) => void }) {
  const { t } = useI18n();
  if (!options) return null;
  const group = (kind: ScopeOption['kind'], legend?: string) => {
    const list = options.filter((o) => o.kind === kind);
    if (list.length === 0) return null;
    const boxes = list.map((o) => {
          const known = `keys.scope.${o.scope}` as MessageKey;
          const label = o.kind === 'all' ? t('keys.scopesAll') : o.label ?? (t(known) === known ? o.scope : t(known));
          return (
            <label key={o.scope}>
              <input
                type="checkbox"
                name="scope"
                value={o.scope}
                checked={selected.includes(o.scope)}
                onChange={(e) => onChange(toggleScope(selected, o.scope, e.currentTarget.checked))}
              />
              {label} {o.kind !== 'all' && <code>{o.scope}</code>}
            </label>
          );
        });
    return legend ? (
      <fieldset>
        <legend>{legend}</legend>
        {boxes}
      </fieldset>
    ) : (
      boxes
    );
  };
  return (
    <div class="field scope-groups" role="group" aria-labelledby="key-scopes-label">
      <span id="key-scopes-label" class="label">
        {t('keys.scopes')}
      </span>
      {group('all')}
      {group('platform', t('keys.scopesPlatform'))}
      {group('plugin', t('keys.scopesPlugins'))}
    </div>
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
