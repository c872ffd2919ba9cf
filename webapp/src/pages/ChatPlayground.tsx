import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { asApiError, type Loaded } from '../hooks';
import { formatNumber, useI18n, type MessageKey } from '../i18n';
import { ErrorMessage } from '../components/ui';
import { chatRequest, MAX_STOP_SEQUENCES, stopSequences, streamChat, type CallStats, type ChatMessage, type ChatParameters } from '../chat';
import { ofTask, type ModelEntry } from '../models';

interface Turn extends ChatMessage {
  role: 'user' | 'assistant';
  /** The call's figures, on an assistant turn once its stream has ended. */
  stats?: CallStats;
  streaming?: boolean;
}

const DEFAULTS: ChatParameters = { model: '', maxTokens: '128', temperature: '0.8', topP: '0.95', seed: '', stop: '' };

function updateLast(turns: Turn[], change: (last: Turn) => Partial<Turn>): Turn[] {
  if (turns.length === 0) return turns; // cleared while the call ran
  const last = turns[turns.length - 1];
  return [...turns.slice(0, -1), { ...last, ...change(last) }];
}

/**
 * A multi-turn chat against /v1/chat/completions: model and parameters, a system prompt, the
 * answer streamed in as it is generated, Stop to cut it short, and each call's tokens and speed.
 */
export function ChatPlayground({ apiKey, models }: { apiKey: string; models: Loaded<ModelEntry[]> }) {
  const { t } = useI18n();
  const generation = ofTask(models.data, 'generation');
  const [params, setParams] = useState<ChatParameters>(DEFAULTS);
  const model = generation.find((m) => m.id === params.model) ?? generation[0];
  const [system, setSystem] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<ApiError>();
  const [streaming, setStreaming] = useState(false);
  const call = useRef<AbortController | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const [wide] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 801px)').matches);
  useEffect(() => () => call.current?.abort(), []);
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [turns]);

  const stops = stopSequences(params.stop);
  const tooManyStops = stops.length > MAX_STOP_SEQUENCES;
  const set = (field: keyof ChatParameters) => (e: { currentTarget: { value: string } }) =>
    setParams({ ...params, [field]: e.currentTarget.value });

  const send = async () => {
    const text = draft.trim();
    if (!text || !model || streaming || tooManyStops) return;
    const conversation: ChatMessage[] = [...turns.map(({ role, content }) => ({ role, content })), { role: 'user', content: text }];
    const abort = new AbortController();
    call.current = abort;
    setError(undefined);
    setDraft('');
    setStreaming(true);
    setTurns([...turns, { role: 'user', content: text }, { role: 'assistant', content: '', streaming: true }]);
    let produced = '';
    const appendText = (piece: string) => {
      produced += piece;
      setTurns((ts) => updateLast(ts, (last) => ({ content: last.content + piece })));
    };
    let stats: CallStats | undefined;
    try {
      stats = await streamChat(chatRequest({ ...params, model: model.id }, system, conversation), apiKey, abort.signal, appendText);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      call.current = null;
      setStreaming(false);
    }
    if (produced) {
      setTurns((ts) => updateLast(ts, () => ({ stats, streaming: false })));
    } else {
      // A call that produced no text leaves no turn behind: the message goes back into the box.
      setTurns((ts) => ts.slice(0, -2));
      setDraft(text);
    }
  };

  if (models.data && generation.length === 0) {
    return (
      <div>
        <h2>{t('playground.chat')}</h2>
        <p class="notice" id="chat-no-models">
          {apiKey ? t('chat.noModels') : t('chat.needKey')}
        </p>
      </div>
    );
  }
  return (
    <form
      class="chat"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <h2 class="chat-title">{t('playground.chat')}</h2>
      <div class="chat-settings">
        <div class="field">
          <label for="chat-model">{t('playground.model')}</label>
          <select id="chat-model" value={model?.id ?? ''} onChange={set('model')} aria-describedby="chat-model-hint">
            {generation.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
          {model?.contextLength !== undefined && (
            <small id="chat-model-hint">{t('chat.context', { n: model.contextLength })}</small>
          )}
        </div>
        <div class="field">
          <label for="chat-system">{t('chat.system')}</label>
          <textarea id="chat-system" rows={3} value={system} onInput={(e) => setSystem(e.currentTarget.value)} aria-describedby="chat-system-hint" />
          <small id="chat-system-hint">{t('chat.systemHint')}</small>
        </div>
        <details open={wide} class="chat-parameters">
          <summary>{t('chat.parameters')}</summary>
          <div class="chat-parameter-grid">
            <NumberField id="chat-max-tokens" label={t('chat.maxTokens')} value={params.maxTokens} onInput={set('maxTokens')} min={1} max={model?.contextLength} step={1} required />
            <NumberField id="chat-temperature" label={t('chat.temperature')} value={params.temperature} onInput={set('temperature')} min={0} max={2} step={0.05} required />
            <NumberField id="chat-top-p" label={t('chat.topP')} value={params.topP} onInput={set('topP')} min={0.01} max={1} step={0.01} required />
            <NumberField id="chat-seed" label={t('chat.seed')} value={params.seed} onInput={set('seed')} min={0} step={1} describedBy="chat-seed-hint" />
            <small id="chat-seed-hint" class="full">
              {t('chat.seedHint')}
            </small>
          </div>
          <div class="field">
            <label for="chat-stop-sequences">{t('chat.stop')}</label>
            <textarea id="chat-stop-sequences" rows={2} value={params.stop} onInput={set('stop')} aria-describedby="chat-stop-sequences-hint" aria-invalid={tooManyStops} />
            <small id="chat-stop-sequences-hint" class={tooManyStops ? 'field-error' : undefined}>
              {tooManyStops ? t('chat.tooManyStops', { n: MAX_STOP_SEQUENCES }) : t('chat.stopHint', { n: MAX_STOP_SEQUENCES })}
            </small>
          </div>
        </details>
      </div>
      <div class="chat-main">
        <div id="chat-log" class="chat-log" role="log" aria-label={t('chat.conversation')} aria-busy={streaming} ref={log} tabIndex={0}>
          {turns.length === 0 && <p class="muted">{apiKey ? t('chat.empty') : t('chat.needKey')}</p>}
          {turns.map((turn, i) => (
            <div key={i} class={`chat-turn ${turn.role}${turn.streaming ? ' streaming' : ''}`}>
              <span class="chat-role">{turn.role === 'user' ? t('chat.you') : t('chat.assistant')}</span>
              <div class="chat-text">{turn.content}</div>
              {turn.stats && <CallLine stats={turn.stats} />}
            </div>
          ))}
        </div>
        {streaming && (
          <p class="sr-only" role="status">
            {t('chat.generating')}
          </p>
        )}
        <ErrorMessage error={error} />
        <div class="field">
          <label for="chat-input">{t('chat.message')}</label>
          <textarea
            id="chat-input"
            rows={3}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            aria-describedby="chat-input-hint"
          />
          <small id="chat-input-hint">{t('chat.messageHint')}</small>
        </div>
        <div class="chat-actions">
          <button type="submit" id="chat-send" disabled={streaming || !apiKey || !model || !draft.trim() || tooManyStops}>
            {streaming ? t('chat.generating') : t('chat.send')}
          </button>
          <button type="button" id="chat-stop" class="danger" disabled={!streaming} onClick={() => call.current?.abort()}>
            {t('chat.stopButton')}
          </button>
          <button
            type="button"
            id="chat-clear"
            class="secondary"
            disabled={turns.length === 0 && !error}
            onClick={() => {
              call.current?.abort();
              setTurns([]);
              setError(undefined);
            }}
          >
            {t('chat.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (e: { currentTarget: { value: string } }) => void;
  min?: number;
  max?: number;
  step: number;
  required?: boolean;
  describedBy?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        value={props.value}
        onInput={props.onInput}
        min={props.min}
        max={props.max}
        step={props.step}
        required={props.required}
        aria-describedby={props.describedBy}
      />
    </div>
  );
}

/** One call's figures: model, prompt and completion tokens, time to first token, speed, why it ended. */
function CallLine({ stats }: { stats: CallStats }) {
  const { t, lang } = useI18n();
  const whole = (n: number) => formatNumber(Math.round(n), lang);
  const finishKey = `chat.finish.${stats.finishReason}` as MessageKey;
  const finish = t(finishKey) === finishKey ? stats.finishReason : t(finishKey);
  const parts = [stats.model];
  if (stats.promptTokens !== undefined && stats.completionTokens !== undefined) {
    parts.push(t('chat.tokens', { prompt: whole(stats.promptTokens), completion: whole(stats.completionTokens) }));
  }
  if (stats.firstTokenMs !== undefined) parts.push(t('chat.firstToken', { ms: whole(stats.firstTokenMs) }));
  if (stats.tokensPerSecond !== undefined) parts.push(t('chat.speed', { n: whole(stats.tokensPerSecond) }));
  parts.push(t('chat.finish', { reason: finish }));
  return (
    <ul class="call-stats" data-finish={stats.finishReason}>
      {parts.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
