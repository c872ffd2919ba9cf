import { useState } from 'preact/hooks';
import { ApiError, api, get, items, post, put, request } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatNumber, useI18n, type MessageKey } from '../i18n';
import { ErrorMessage, Loading } from '../components/ui';
import {
  answerValue,
  heatLevel,
  heatMap,
  importFormat,
  progress,
  type LearnerItem,
  type MasteryRow,
} from '../tutoring';

// The tutoring plugin in the playground: the course and item-bank editor with import, what a learner
// sees when practising, and the teacher's view. Every call goes to /v1/tutoring with the API key.

const BASE = '/v1/tutoring';

export function TutoringPanel({ apiKey }: { apiKey: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<'courses' | 'practice' | 'teacher'>('courses');
  const views = [
    { id: 'courses' as const, label: t('tutoring.courses') },
    { id: 'practice' as const, label: t('tutoring.practice') },
    { id: 'teacher' as const, label: t('tutoring.teacher') },
  ];
  return (
    <div>
      <h2>{t('tutoring.title')}</h2>
      <div class="toolbar" role="group" aria-label={t('tutoring.title')}>
        {views.map((v) => (
          <button key={v.id} type="button" class={view === v.id ? '' : 'secondary'} aria-pressed={view === v.id} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </div>
      {!apiKey ? (
        <p class="muted">{t('playground.apiKeyHint')}</p>
      ) : view === 'courses' ? (
        <CourseEditor apiKey={apiKey} />
      ) : view === 'practice' ? (
        <PracticeView apiKey={apiKey} />
      ) : (
        <TeacherView apiKey={apiKey} />
      )}
    </div>
  );
}

const SAMPLE_COURSE = JSON.stringify(
  {
    title: 'Fractions',
    skills: [
      { id: 'basics', name: 'What a fraction is', nameZh: '分数的意义', prerequisites: [] },
      { id: 'add', name: 'Adding fractions', nameZh: '分数加法', prerequisites: ['basics'] },
    ],
  },
  null,
  2,
);

function CourseEditor({ apiKey }: { apiKey: string }) {
  const { t } = useI18n();
  const [courseId, setCourseId] = useState('fractions');
  const [course, setCourse] = useState(SAMPLE_COURSE);
  const [imported, setImported] = useState<number>();
  const courses = useLoad(() => get(`${BASE}/courses`, { bearer: apiKey }).then(items), [apiKey]);
  const bank = useLoad(
    // A course not saved yet has no item bank (its items answer 404).
    () =>
      courseId
        ? get(`${BASE}/courses/${encodeURIComponent(courseId)}/items`, { bearer: apiKey }).then(items, (e) =>
            e instanceof ApiError && e.status === 404 ? [] : Promise.reject(e),
          )
        : Promise.resolve([]),
    [apiKey, courseId, imported],
  );
  const save = useAction(async () => {
    let body: unknown;
    try {
      body = JSON.parse(course);
    } catch {
      throw new ApiError(0, 'client', t('tutoring.badJson'));
    }
    await put(`${BASE}/courses/${encodeURIComponent(courseId)}`, body, { bearer: apiKey });
    courses.reload();
  });
  const load = useAction(async (file: File) => {
    const format = importFormat(file.name);
    if (!format) throw new ApiError(0, 'client', t('tutoring.importFormat'));
    const response = await request('POST', `${BASE}/courses/${encodeURIComponent(courseId)}/items?format=${format}`, {
      bearer: apiKey,
      body: file,
      headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/json' },
    });
    setImported((await response.json()).imported);
  });
  return (
    <div>
      <h3>{t('tutoring.courses')}</h3>
      {courses.data && (
        <p>
          {courses.data.map((c: any) => (
            <button key={c.id} type="button" class="secondary" onClick={() => {
              setCourseId(c.id);
              setCourse(JSON.stringify({ title: c.title, skills: c.skills }, null, 2));
            }}>
              {c.title} ({c.id})
            </button>
          ))}
        </p>
      )}
      <ErrorMessage error={courses.error} />
      <div class="field">
        <label for="tutoring-course-id">{t('tutoring.courseId')}</label>
        <input id="tutoring-course-id" value={courseId} onInput={(e) => setCourseId(e.currentTarget.value.trim())} />
      </div>
      <div class="field">
        <label for="tutoring-course">{t('tutoring.courseJson')}</label>
        <textarea id="tutoring-course" rows={10} value={course} onInput={(e) => setCourse(e.currentTarget.value)} />
      </div>
      <button type="button" onClick={() => save.run()} disabled={save.busy}>{t('common.save')}</button>
      <ErrorMessage error={save.error} />
      <h3>{t('tutoring.itemBank')}</h3>
      <div class="field">
        <label for="tutoring-import">{t('tutoring.import')}</label>
        <input id="tutoring-import" type="file" accept=".csv,.json" onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) load.run(file);
        }} />
      </div>
      {load.busy && <Loading />}
      <ErrorMessage error={load.error} />
      {imported !== undefined && <p class="notice">{t('tutoring.imported', { count: imported })}</p>}
      {bank.data && bank.data.length > 0 && (
        <table>
          <thead>
            <tr><th>{t('tutoring.item')}</th><th>{t('tutoring.type')}</th><th>{t('tutoring.skills')}</th><th>{t('tutoring.prompt')}</th><th>b</th></tr>
          </thead>
          <tbody>
            {bank.data.map((item: any) => (
              <tr key={item.id}><td>{item.id}</td><td>{item.type}</td><td>{item.skills.join(', ')}</td><td>{item.prompt}</td><td>{item.b.toFixed(2)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PracticeView({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const [learnerId, setLearnerId] = useState('learner-1');
  const [courseId, setCourseId] = useState('fractions');
  const [item, setItem] = useState<LearnerItem | null>(null);
  const [done, setDone] = useState(false);
  const [raw, setRaw] = useState('');
  const [feedback, setFeedback] = useState<any>(null);
  const [invalid, setInvalid] = useState<MessageKey | null>(null);
  const next = useAction(async () => {
    setFeedback(null);
    setRaw('');
    const r = await post(`${BASE}/next`, { learnerId, courseId }, { bearer: apiKey });
    setItem(r.item);
    setDone(r.item === null);
  });
  const submit = useAction(async () => {
    if (!item) return;
    const value = answerValue(item, raw);
    if ('error' in value) {
      setInvalid(value.error as MessageKey);
      return;
    }
    setInvalid(null);
    setFeedback(await post(`${BASE}/responses`, { learnerId, courseId, itemId: item.id, answer: value.answer }, { bearer: apiKey }));
  });
  const summary = feedback ? progress(feedback.skills) : null;
  return (
    <div>
      <h3>{t('tutoring.practice')}</h3>
      <div class="field">
        <label for="tutoring-learner">{t('tutoring.learnerId')}</label>
        <input id="tutoring-learner" value={learnerId} onInput={(e) => setLearnerId(e.currentTarget.value.trim())} />
      </div>
      <div class="field">
        <label for="tutoring-practice-course">{t('tutoring.courseId')}</label>
        <input id="tutoring-practice-course" value={courseId} onInput={(e) => setCourseId(e.currentTarget.value.trim())} />
      </div>
      <button type="button" onClick={() => next.run()} disabled={next.busy}>{t('tutoring.next')}</button>
      <ErrorMessage error={next.error} />
      {done && <p class="notice">{t('tutoring.noItems')}</p>}
      {item && (
        <form class="card" onSubmit={(e) => {
          e.preventDefault();
          submit.run();
        }}>
          <p><strong>{item.prompt}</strong></p>
          {item.type === 'choice' ? (
            <fieldset>
              <legend>{t('tutoring.answer')}</legend>
              {item.options?.map((option, i) => (
                <label key={i}>
                  <input type="radio" name="tutoring-option" value={String(i)} checked={raw === String(i)} onChange={() => setRaw(String(i))} /> {option}
                </label>
              ))}
            </fieldset>
          ) : (
            <div class="field">
              <label for="tutoring-answer">{t('tutoring.answer')}</label>
              {item.type === 'text' ? (
                <textarea id="tutoring-answer" rows={3} value={raw} onInput={(e) => setRaw(e.currentTarget.value)} />
              ) : (
                <input id="tutoring-answer" inputMode="decimal" value={raw} onInput={(e) => setRaw(e.currentTarget.value)} />
              )}
            </div>
          )}
          {invalid && <p class="error" role="alert">{t(invalid)}</p>}
          <button type="submit" disabled={submit.busy || !!feedback}>{t('tutoring.submit')}</button>
          <ErrorMessage error={submit.error} />
        </form>
      )}
      {feedback && summary && (
        <div class="card" aria-live="polite">
          <p class={feedback.right ? 'notice' : 'error'}>
            {feedback.right ? t('tutoring.right') : t('tutoring.wrong')} · {t('tutoring.score')} {formatNumber(feedback.score, lang)}
          </p>
          {feedback.explanation && <p>{feedback.explanation}</p>}
          {feedback.evidence?.rubric && (
            <ul>
              {feedback.evidence.rubric.map((r: any) => (
                <li key={r.point}>{r.found ? '✓' : '✗'} {r.point}</li>
              ))}
            </ul>
          )}
          <p class="muted">{t('tutoring.progress', { mastered: summary.mastered, total: summary.total, mean: Math.round(summary.mean * 100) })}</p>
        </div>
      )}
    </div>
  );
}

function TeacherView({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const [classId, setClassId] = useState('');
  const [report, setReport] = useState<any>(null);
  const open = useAction(async () => setReport(await api('GET', `${BASE}/classes/${encodeURIComponent(classId)}/report`, { bearer: apiKey })));
  const exportCsv = useAction(async (table: string) => {
    const response = await request('GET', `${BASE}/classes/${encodeURIComponent(classId)}/report?format=csv&table=${table}`, {
      bearer: apiKey,
      accept: 'text/csv',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `${classId}-${table}.csv`;
    link.click();
  });
  const map = report ? heatMap(report.mastery as MasteryRow[], report.skills) : null;
  return (
    <div>
      <h3>{t('tutoring.teacher')}</h3>
      <div class="field">
        <label for="tutoring-class">{t('tutoring.classId')}</label>
        <input id="tutoring-class" value={classId} onInput={(e) => setClassId(e.currentTarget.value.trim())} />
      </div>
      <button type="button" onClick={() => open.run()} disabled={open.busy || !classId}>{t('tutoring.openReport')}</button>
      <ErrorMessage error={open.error} />
      {map && (
        <>
          <table class="heatmap">
            <caption>{t('tutoring.heatMap')}</caption>
            <thead>
              <tr><th>{t('tutoring.learnerId')}</th>{map.skills.map((s) => <th key={s}>{s}</th>)}</tr>
            </thead>
            <tbody>
              {map.learners.map((l) => (
                <tr key={l}>
                  <th>{l}</th>
                  {map.skills.map((s) => {
                    const cell = map.cell(l, s);
                    return (
                      <td key={s} class={`heat-${heatLevel(cell)}`}>
                        {cell ? formatNumber(Math.round(cell.mastery * 100), lang) + '%' : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('tutoring.stuck')}</h4>
          {report.stuck.length === 0 ? <p class="muted">{t('tutoring.none')}</p> : (
            <ul>{report.stuck.map((s: any) => <li key={s.learnerId + s.skill}>{s.learnerId}: {s.skill} ({s.attempts})</li>)}</ul>
          )}
          <h4>{t('tutoring.badItems')}</h4>
          {report.items.length === 0 ? <p class="muted">{t('tutoring.none')}</p> : (
            <ul>{report.items.map((i: any) => <li key={i.itemId}>{i.itemId}: {i.problems}</li>)}</ul>
          )}
          <div class="toolbar">
            {['mastery', 'stuck', 'items'].map((table) => (
              <button key={table} type="button" class="secondary" onClick={() => exportCsv.run(table)}>
                {t('tutoring.exportCsv', { table })}
              </button>
            ))}
          </div>
          <ErrorMessage error={exportCsv.error} />
        </>
      )}
    </div>
  );
}
