// Pure logic of the tutoring pages: what the learner's input becomes as an answer, the heat map's
// grid and colours, the import format of a file, a learner's progress. Kept apart from the components
// so it is tested without a browser.

export type ItemType = 'choice' | 'numeric' | 'text';

export interface LearnerItem {
  id: string;
  type: ItemType;
  prompt: string;
  skills: string[];
  options?: string[];
}

/** The answer the API expects for what the learner typed or picked, or an error key. */
export function answerValue(item: LearnerItem, raw: string): { answer: number | string } | { error: string } {
  const value = raw.trim();
  if (!value) return { error: 'tutoring.answerRequired' };
  if (item.type === 'choice') {
    const index = Number(value);
    return Number.isInteger(index) && index >= 0 && index < (item.options?.length ?? 0)
      ? { answer: index }
      : { error: 'tutoring.pickOption' };
  }
  if (item.type === 'numeric') {
    const n = Number(value.replace(',', '.'));
    return Number.isFinite(n) ? { answer: n } : { error: 'tutoring.numberRequired' };
  }
  return value.length > 2000 ? { error: 'tutoring.tooLong' } : { answer: value };
}

/** The import format of an uploaded file, from its name. */
export function importFormat(fileName: string): 'csv' | 'json' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

export interface MasteryRow {
  learnerId: string;
  skill: string;
  mastery: number;
  mastered: boolean;
  ability: number;
  standardError: number;
  attempts: number;
}

export interface HeatMap {
  learners: string[];
  skills: string[];
  cell: (learner: string, skill: string) => MasteryRow | undefined;
}

/** The report's rows as a learners × skills grid, in the order they come. */
export function heatMap(rows: MasteryRow[], skills?: string[]): HeatMap {
  const learners: string[] = [];
  const seenSkills: string[] = [];
  const cells = new Map<string, MasteryRow>();
  for (const row of rows) {
    if (!learners.includes(row.learnerId)) learners.push(row.learnerId);
    if (!seenSkills.includes(row.skill)) seenSkills.push(row.skill);
    cells.set(`${row.learnerId}\u0000${row.skill}`, row);
  }
  return {
    learners,
    skills: skills ?? seenSkills,
    cell: (learner, skill) => cells.get(`${learner}\u0000${skill}`),
  };
}

/** The heat map's colour class: not started, low, partway, nearly, mastered. */
export function heatLevel(row: MasteryRow | undefined): 'none' | 'low' | 'mid' | 'high' | 'mastered' {
  if (!row || row.attempts === 0) return 'none';
  if (row.mastered) return 'mastered';
  if (row.mastery >= 0.7) return 'high';
  if (row.mastery >= 0.4) return 'mid';
  return 'low';
}

/** Skills mastered out of those the last answer touched, for the learner's progress line. */
export function progress(skills: Record<string, { mastery: number; mastered: boolean }>): {
  mastered: number;
  total: number;
  mean: number;
} {
  const values = Object.values(skills);
  const mastered = values.filter((s) => s.mastered).length;
  const mean = values.length ? values.reduce((sum, s) => sum + s.mastery, 0) / values.length : 0;
  return { mastered, total: values.length, mean };
}
