import { useEffect, useState } from 'preact/hooks';
import { get, items } from '../api';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { linkClick } from '../router';
import { hasRole, useSession } from '../session';
import { storedPlaygroundKey } from '../playgroundKey';
import { checklist, STEPS, readLocalFacts, snippet, SNIPPET_LANGUAGES, writeLocalFacts, type SnippetLanguage, type StepId } from '../onboarding';
import { CopyButton } from './ui';

/** How often the checklist asks the server again while a step is open (the first call shows late). */
const POLL_MS = 5000;

const ACTIONS: Partial<Record<StepId, { href: string; key: MessageKey }>> = {
  key: { href: '/keys', key: 'onboarding.keyAction' },
  plugin: { href: '/plugins', key: 'onboarding.pluginAction' },
  call: { href: '/playground', key: 'onboarding.callAction' },
};

/** The first-run checklist; renders nothing once every step is done or it was dismissed. */
export function OnboardingChecklist() {
  const { t } = useI18n();
  const { me } = useSession();
  const tenantId = me.tenant?.id ?? '';
  const [local, setLocal] = useState(() => readLocalFacts(tenantId, me.user.id));
  const facts = useLoad(async () => {
    const [keys, plugins] = await Promise.all([get('/api/keys'), get('/api/plugins')]);
    return { keys: items(keys), plugins: items(plugins) };
  });
  const state = facts.data ? checklist(facts.data, local) : null;
  useEffect(() => {
    if (!state?.visible || state.complete) return;
    const timer = setInterval(facts.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [state?.visible, state?.complete]);
  if (!state?.visible) return null;
  const update = (change: Partial<typeof local>) => {
    const next = { ...local, ...change };
    writeLocalFacts(tenantId, me.user.id, next);
    setLocal(next);
  };
  const steps = STEPS;
  const doneCount = steps.filter((s) => state.done[s]).length;
  return (
    <section class="card onboarding" aria-labelledby="onboarding-title" id="onboarding">
      <div class="plugin-head">
        <div>
          <h2 id="onboarding-title">{t('onboarding.title')}</h2>
          <p class={state.complete ? 'ok' : 'muted'} role="status" id="onboarding-progress">
            {state.complete ? t('onboarding.complete') : t('onboarding.progress', { done: doneCount, total: steps.length })}
          </p>
        </div>
        <button type="button" class="secondary" onClick={() => update({ dismissed: true })} id="onboarding-dismiss">
          {t('onboarding.dismiss')}
        </button>
      </div>
      <ol class="checklist">
        {steps.map((step) => {
          const done = state.done[step];
          const action = ACTIONS[step];
          const showAction = action && !done && (step !== 'plugin' || hasRole(me, 'admin')) && (step !== 'key' || hasRole(me, 'developer'));
          return (
            <li key={step} class={done ? 'done' : state.next === step ? 'current' : ''} data-step={step} data-done={String(done)}>
              <span class="check" aria-hidden="true">
                {done ? '✓' : ''}
              </span>
              <div>
                <strong>{t(`onboarding.${step}` as MessageKey)}</strong> <span class="sr-only">({done ? t('onboarding.done') : t('onboarding.todo')})</span>
                <p class="muted">{t(`onboarding.${step}Help` as MessageKey)}</p>
                {step === 'snippet' && !state.complete && <Snippets onCopied={() => update({ copied: true })} />}
                {showAction && (
                  <a href={action.href} onClick={linkClick} class="button secondary" id={`onboarding-${step}-action`}>
                    {t(action.key)}
                  </a>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The ready-made call in curl, Python and Java, with the key this tab holds filled in. */
function Snippets({ onCopied }: { onCopied: () => void }) {
  const { t } = useI18n();
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const key = storedPlaygroundKey() || null;
  const code = snippet(language, location.origin, key);
  return (
    <div class="snippets">
      <div role="tablist" aria-label={t('onboarding.snippetLanguage')} class="tabs">
        {SNIPPET_LANGUAGES.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={l === language} id={`snippet-${l}`} onClick={() => setLanguage(l)}>
            {l === 'curl' ? 'curl' : l === 'python' ? 'Python' : 'Java'}
          </button>
        ))}
      </div>
      {!key && <p class="notice">{t('onboarding.snippetPlaceholder')}</p>}
      <pre tabIndex={0} id="onboarding-snippet" aria-labelledby={`snippet-${language}`}>
        {code}
      </pre>
      <CopyButton text={code} label={t('onboarding.copy')} onCopied={onCopied} />
    </div>
  );
}
