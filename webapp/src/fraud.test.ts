import { describe, expect, it } from 'vitest';
import { caretLine, histogramBars, mergeStream, percent, reasonText, rulePosition, type StreamEntry } from './fraud';

const entry = (seq: number): StreamEntry => ({
  seq,
  t: seq,
  txn: { id: `t${seq}`, amount: 1, currency: 'EUR', account: 'a' },
  s: 0.1,
  a: 'allow',
  src: 'unsupervised',
  r: [],
  why: [],
});

describe('fraud pages', () => {
  it('shows reasons in the chosen language and marks the ones lowering the risk', () => {
    const reason = { feature: 'new_device', value: 1, contribution: 0.8, en: 'new device', zh: '新设备' };
    expect(reasonText(reason, 'en')).toBe('new device');
    expect(reasonText(reason, 'zh')).toBe('新设备');
    expect(reasonText({ ...reason, contribution: -0.2 }, 'en')).toBe('− new device');
  });

  it('reads the position of a refused rule and points at it', () => {
    const detail = "The rule is refused at line 2, column 11: undefined field 'x' of features";
    expect(rulePosition(detail)).toEqual({ line: 2, column: 11, message: "undefined field 'x' of features" });
    expect(rulePosition("'name' must be a string.")).toBeNull();
    expect(rulePosition(undefined)).toBeNull();
    expect(caretLine('txn.amount > 1 &&\n  features.x', 2, 11)).toBe('  features.x\n          ^');
  });

  it('appends only new stream entries and keeps the newest', () => {
    const shown = [entry(1), entry(2)];
    expect(mergeStream(shown, [entry(2), entry(3)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(mergeStream(shown, [entry(3), entry(4)], 3).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(mergeStream([], [entry(5)]).map((e) => e.seq)).toEqual([5]);
  });

  it('scales the histogram to its tallest bin', () => {
    expect(histogramBars([0, 5, 10])).toEqual([0, 50, 100]);
    expect(histogramBars([0, 0])).toEqual([0, 0]);
    expect(percent(0.1234)).toBe('12.3%');
    expect(percent(null)).toBe('—');
  });
});
