// Logic of the content pages (templates, generation, voice, batches, drafts), apart from the UI so
// vitest can check it.

export interface TemplateVariable {
  name: string;
  type: 'text' | 'number' | 'enum' | 'list';
  required: boolean;
  options?: string[];
  description?: string;
}

export interface ContentTemplate {
  id: string;
  name: string;
  description?: string;
  language: 'en' | 'zh';
  category: string;
  channel?: string;
  builtIn: boolean;
  variables: TemplateVariable[];
  output: { type: 'text' | 'json'; maxChars?: number };
}

/**
 * The form's strings as the typed values /v1/content/generate expects: numbers parsed, lists split
 * on lines (or commas), empty optional fields left out. Problems name the variable, as the server's do.
 */
export function variableValues(
  template: ContentTemplate,
  form: Record<string, string>,
): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const v of template.variables) {
    const raw = (form[v.name] ?? '').trim();
    if (!raw) {
      if (v.required) problems.push(v.name);
      continue;
    }
    if (v.type === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) values[v.name] = n;
      else problems.push(v.name);
    } else if (v.type === 'list') {
      values[v.name] = raw
        .split(/\n|,|，|、/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      values[v.name] = raw;
    }
  }
  return { values, problems };
}

export interface StreamedVariant {
  attempt: number;
  text: string;
  retries: number;
}

/**
 * Folds the events of a streamed generation into the text of each variant as written so far: a
 * `retry` (banned terms found) starts that variant's text again.
 */
export function foldStream(events: Array<Record<string, any>>): StreamedVariant[] {
  const variants: StreamedVariant[] = [];
  for (const e of events) {
    const i = e.variant as number;
    if (typeof i !== 'number') continue;
    const v = (variants[i] ??= { attempt: 1, text: '', retries: 0 });
    if (e.type === 'token') {
      if (e.attempt !== v.attempt) {
        v.attempt = e.attempt;
        v.text = '';
      }
      v.text += e.text;
    } else if (e.type === 'retry') {
      v.retries += 1;
    }
  }
  return variants;
}

export interface Voice {
  styleNotes: string;
  glossary: Array<{ preferred: string; insteadOf: string[] }>;
  bannedWords: string[];
  allowedWords: string[];
  readingLevel: 'simple' | 'standard' | 'advanced';
  length: { minWords?: number; maxWords?: number };
}

/** The voice form: banned words one per line, glossary lines "preferred: instead, of". */
export interface VoiceForm {
  styleNotes: string;
  glossary: string;
  bannedWords: string;
  readingLevel: Voice['readingLevel'];
  minWords: string;
  maxWords: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export function voiceToForm(voice: Voice): VoiceForm {
  return {
    styleNotes: voice.styleNotes ?? '',
    glossary: (voice.glossary ?? [])
      .map((g) => (g.insteadOf.length ? `${g.preferred}: ${g.insteadOf.join(', ')}` : g.preferred))
      .join('\n'),
    bannedWords: (voice.bannedWords ?? []).join('\n'),
    readingLevel: voice.readingLevel ?? 'standard',
    minWords: voice.length?.minWords ? String(voice.length.minWords) : '',
    maxWords: voice.length?.maxWords ? String(voice.length.maxWords) : '',
  };
}

export function formToVoice(form: VoiceForm, allowedWords: string[] = []): Voice {
  const length: Voice['length'] = {};
  if (form.minWords.trim()) length.minWords = Number(form.minWords);
  if (form.maxWords.trim()) length.maxWords = Number(form.maxWords);
  return {
    styleNotes: form.styleNotes.trim(),
    glossary: lines(form.glossary).map((line) => {
      const colon = line.search(/[:：]/);
      if (colon < 0) return { preferred: line, insteadOf: [] };
      return {
        preferred: line.slice(0, colon).trim(),
        insteadOf: line
          .slice(colon + 1)
          .split(/,|，|、/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    }),
    bannedWords: lines(form.bannedWords),
    allowedWords,
    readingLevel: form.readingLevel,
    length,
  };
}

export interface BatchStatus {
  id: string;
  state: string;
  progress: number;
  rows: number;
  counts: { done: number; flagged: number; failed: number; pending: number };
}

/** "120 of 200 rows · 3 flagged · 2 failed" as numbers, for the progress line. */
export function batchSummary(batch: BatchStatus): { finished: number; percent: number } {
  const c = batch.counts;
  const finished = c.done + c.flagged + c.failed;
  return { finished, percent: batch.rows ? Math.round((finished / batch.rows) * 100) : 0 };
}

export function isRunning(batch: BatchStatus): boolean {
  return batch.state === 'running';
}

/** The transitions a draft in this state offers, as the API's action names. */
export function draftActions(state: string): Array<'submit' | 'approve' | 'reject'> {
  if (state === 'draft') return ['submit'];
  if (state === 'in_review') return ['approve', 'reject'];
  return [];
}
