// Logic of the customer-service workspace (documents, chat, conversations, intents, retrieval test),
// apart from the UI so vitest can check it. Every call goes to the plugin's /v1 routes with the
// tenant's API key, as the playground and the content studio do.

import { pluginUrl } from './plugins';

export const CS = 'customer-service';
export const csUrl = (path: string) => pluginUrl(CS, path);

export interface CsJob {
  id: string;
  state: string;
  progress: number;
  message?: string;
  error?: string | null;
}

export interface CsDocument {
  id: string;
  title: string;
  fileName: string;
  format: string;
  status: string;
  chunks: number;
  characters: number;
  error?: string | null;
  updatedAt: string;
  jobId?: string | null;
  job?: CsJob;
}

export interface Citation {
  documentId: string;
  title: string;
  chunkId: string;
  text: string;
  question?: string | null;
  score: number;
  support?: number;
}

export interface Answer {
  answer: string;
  mode: string;
  confidence: number;
  handoff: boolean;
  handoffReason?: string;
  intent?: string | null;
  citations: Citation[];
  conversationId: string;
  turn: number;
  fallbackReason?: string;
}

/** The formats the knowledge base reads, by file extension. */
const TYPES: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
  csv: 'text/csv',
  json: 'application/json',
};

/**
 * The Content-Type to upload a file with: the known type of its extension (browsers often give
 * none, or `application/vnd.ms-excel` for a CSV), else what the browser says, else none, so the
 * server decides from the file name and refuses what it cannot read.
 */
export function documentContentType(fileName: string, browserType: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return TYPES[ext] ?? (browserType || 'application/octet-stream');
}

/** The upload URL: the file name, and the id of the document it replaces (re-upload). */
export function uploadPath(fileName: string, documentId?: string): string {
  const query = new URLSearchParams({ fileName });
  if (documentId) query.set('documentId', documentId);
  return csUrl(`/documents?${query}`);
}

/** Whether the document is still being ingested (its progress is worth polling). */
export function isIngesting(doc: CsDocument): boolean {
  return doc.status === 'ingesting';
}

/** The ingestion progress as a fraction: the job's, 1 once ready. */
export function ingestionProgress(doc: CsDocument): number {
  if (doc.status === 'ready') return 1;
  const p = doc.job?.progress;
  return typeof p === 'number' && Number.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0;
}

/** A streamed answer as drawn so far: the passages found, the draft's text, and the final answer. */
export interface AnswerProgress {
  citations: Citation[];
  confidence?: number;
  draft: string;
  result?: Answer;
}

/**
 * Folds one event of a streamed answer (`retrieval`, `token`, `result`) into what is shown: the
 * passages as soon as they are found, the draft growing token by token, and the result, which
 * replaces the draft (a draft the passages do not support is replaced by the extracted answer).
 */
export function foldAnswer(progress: AnswerProgress, event: Record<string, any>): AnswerProgress {
  if (event.type === 'retrieval') {
    return { ...progress, citations: event.citations ?? [], confidence: event.confidence };
  }
  if (event.type === 'token' && typeof event.text === 'string') {
    return { ...progress, draft: progress.draft + event.text };
  }
  if (event.type === 'result') {
    const { type: _type, ...answer } = event;
    return { ...progress, citations: answer.citations ?? progress.citations, confidence: answer.confidence, result: answer as Answer };
  }
  return progress;
}

/** A confidence level for its badge: high, medium or low against the tenant's threshold. */
export function confidenceLevel(confidence: number, threshold = 0.4): 'high' | 'medium' | 'low' {
  if (confidence < threshold) return 'low';
  return confidence >= Math.min(1, threshold + 0.25) ? 'high' : 'medium';
}

export interface Intent {
  name: string;
  description?: string | null;
  handoff: boolean;
  examples: string[];
}

/** An intent in the editor: examples one per line. */
export interface IntentForm {
  name: string;
  description: string;
  handoff: boolean;
  examples: string;
}

export function intentsToForm(intents: Intent[]): IntentForm[] {
  return intents.map((i) => ({
    name: i.name,
    description: i.description ?? '',
    handoff: Boolean(i.handoff),
    examples: (i.examples ?? []).join('\n'),
  }));
}

/**
 * The editor's intents as PUT /intents takes them, and the problems the server would refuse them
 * for (as message keys with the intent's position): a name is needed and unique, two examples at least.
 */
export function formToIntents(forms: IntentForm[]): {
  intents: Intent[];
  problems: Array<{ index: number; problem: 'name' | 'duplicate' | 'examples' }>;
} {
  const problems: Array<{ index: number; problem: 'name' | 'duplicate' | 'examples' }> = [];
  const seen = new Set<string>();
  const intents = forms.map((f, index) => {
    const name = f.name.trim();
    const examples = f.examples
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!name || !/^[\p{L}\p{N}_ -]+$/u.test(name)) problems.push({ index, problem: 'name' });
    else if (seen.has(name)) problems.push({ index, problem: 'duplicate' });
    seen.add(name);
    if (examples.length < 2) problems.push({ index, problem: 'examples' });
    const intent: Intent = { name, handoff: f.handoff, examples };
    if (f.description.trim()) intent.description = f.description.trim();
    return intent;
  });
  return { intents, problems };
}
