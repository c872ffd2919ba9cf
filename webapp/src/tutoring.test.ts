import { describe, expect, it } from 'vitest';
import { answerValue, heatLevel, heatMap, importFormat, progress, type LearnerItem, type MasteryRow } from './tutoring';

const choice: LearnerItem = { id: 'q1', type: 'choice', prompt: '?', skills: ['s'], options: ['a', 'b', 'c'] };
const numeric: LearnerItem = { id: 'q2', type: 'numeric', prompt: '?', skills: ['s'] };
const text: LearnerItem = { id: 'q3', type: 'text', prompt: '?', skills: ['s'] };

describe('answerValue', () => {
  it('sends a choice as its index and refuses one out of range', () => {
    expect(answerValue(choice, '2')).toEqual({ answer: 2 });
    expect(answerValue(choice, '3')).toEqual({ error: 'tutoring.pickOption' });
  });
  it('reads numbers with a decimal comma and refuses words', () => {
    expect(answerValue(numeric, '0,75')).toEqual({ answer: 0.75 });
    expect(answerValue(numeric, 'three')).toEqual({ error: 'tutoring.numberRequired' });
  });
  it('keeps free text, Chinese included, and refuses empty or huge answers', () => {
    expect(answerValue(text, ' 先通分 ')).toEqual({ answer: '先通分' });
    expect(answerValue(text, '   ')).toEqual({ error: 'tutoring.answerRequired' });
    expect(answerValue(text, 'x'.repeat(2001))).toEqual({ error: 'tutoring.tooLong' });
  });
});

describe('importFormat', () => {
  it('knows CSV and JSON by extension only', () => {
    expect(importFormat('Items.CSV')).toBe('csv');
    expect(importFormat('bank.json')).toBe('json');
    expect(importFormat('bank.xlsx')).toBeNull();
  });
});

describe('heat map', () => {
  const row = (learnerId: string, skill: string, mastery: number, attempts: number, mastered = false): MasteryRow => ({
    learnerId,
    skill,
    mastery,
    mastered,
    ability: 0,
    standardError: 1,
    attempts,
  });
  it('lays rows out as learners by skills', () => {
    const map = heatMap([row('l1', 'a', 0.2, 1), row('l1', 'b', 0.9, 3), row('l2', 'a', 0.5, 2)]);
    expect(map.learners).toEqual(['l1', 'l2']);
    expect(map.skills).toEqual(['a', 'b']);
    expect(map.cell('l2', 'a')?.mastery).toBe(0.5);
    expect(map.cell('l2', 'b')).toBeUndefined();
  });
  it('colours by mastery, and untouched skills apart', () => {
    expect(heatLevel(undefined)).toBe('none');
    expect(heatLevel(row('l', 's', 0.2, 0))).toBe('none');
    expect(heatLevel(row('l', 's', 0.2, 4))).toBe('low');
    expect(heatLevel(row('l', 's', 0.5, 4))).toBe('mid');
    expect(heatLevel(row('l', 's', 0.8, 4))).toBe('high');
    expect(heatLevel(row('l', 's', 0.96, 4, true))).toBe('mastered');
  });
});

describe('progress', () => {
  it('counts mastered skills and averages mastery', () => {
    expect(progress({ a: { mastery: 1, mastered: true }, b: { mastery: 0.5, mastered: false } })).toEqual({
      mastered: 1,
      total: 2,
      mean: 0.75,
    });
    expect(progress({})).toEqual({ mastered: 0, total: 0, mean: 0 });
  });
});
