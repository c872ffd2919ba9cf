// Logic of the fraud pages (plugin `fraud`), kept apart from the components so it can be tested.

import type { Lang } from './i18n';

/** A reason as the fraud plugin answers it: a feature, its value, its signed part, EN and ZH words. */
export interface FraudReason {
  feature: string;
  value: number;
  contribution: number;
  en: string;
  zh: string;
}

/** A scored payment from /v1/fraud/stream (the plugin's log entry). */
export interface StreamEntry {
  seq: number;
  t: number;
  txn: { id: string; amount: number; currency: string; account: string; merchant?: string };
  s: number;
  a: 'allow' | 'review' | 'block';
  src: string;
  r: string[];
  why: string[];
}

/** The reason in the reader's language, with its sign when it lowers the risk. */
export function reasonText(reason: FraudReason, lang: Lang): string {
  const words = lang === 'zh' ? reason.zh : reason.en;
  return reason.contribution < 0 ? `− ${words}` : words;
}

/** Where a refused rule went wrong, read from the problem's detail ("... at line 2, column 11: ..."). */
export function rulePosition(detail: string | null | undefined): { line: number; column: number; message: string } | null {
  const found = /at line (\d+), column (\d+): (.*)$/s.exec(detail ?? '');
  return found ? { line: Number(found[1]), column: Number(found[2]), message: found[3] } : null;
}

/** The expression with a caret under the faulty column, for the rule editor. */
export function caretLine(expression: string, line: number, column: number): string {
  const text = expression.split('\n')[line - 1] ?? '';
  return `${text}\n${' '.repeat(Math.max(0, column - 1))}^`;
}

/** Appends newly streamed entries after the ones shown, newest last, keeping at most `max`. */
export function mergeStream(shown: StreamEntry[], incoming: StreamEntry[], max = 200): StreamEntry[] {
  const last = shown.length ? shown[shown.length - 1].seq : 0;
  const fresh = incoming.filter((e) => e.seq > last);
  const all = shown.concat(fresh);
  return all.length > max ? all.slice(all.length - max) : all;
}

/** The score histogram's bars as percentages of the tallest bin (0 when the day had none). */
export function histogramBars(histogram: number[]): number[] {
  const top = Math.max(0, ...histogram);
  return histogram.map((n) => (top === 0 ? 0 : Math.round((100 * n) / top)));
}

/** A 0-1 score as a percentage with one decimal. */
export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${(score * 100).toFixed(1)}%`;
}
