import { join } from 'node:path';
import type { CodebookJson } from '../../shared/contract/codebookJson';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { Project } from '../../electron/backend/project/project';
import type { KeywordRule } from '../support/fakeOpenAI';

/** A small fictional codebook: two families with a child each, and a lone code. */
export const TEST_CODEBOOK: CodebookJson = {
  name: 'Test engagement codebook',
  description: 'Fictional codes for engine tests.',
  codes: [
    {
      id: 'outreach',
      name: 'Outreach',
      parent_id: null,
      short_label: '',
      definition: 'Staff contact families first.',
      inclusion: 'Calls, notes, visits started by staff.',
      exclusion: 'Parents contacting the school.',
      examples: { positive: ['The teacher calls every family.'], negative: ['A parent emailed.'] },
      color: '#1F77B4',
    },
    {
      id: 'home-visits',
      name: 'Home visits',
      parent_id: 'outreach',
      short_label: '',
      definition: 'Staff meet families at home.',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#FF7F0E',
    },
    {
      id: 'barriers',
      name: 'Barriers',
      parent_id: null,
      short_label: '',
      definition: 'Something keeps families from taking part.',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#2CA02C',
    },
    {
      id: 'schedules',
      name: 'Work schedules',
      parent_id: 'barriers',
      short_label: '',
      definition: 'Work hours get in the way.',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#D62728',
    },
    {
      id: 'language',
      name: 'Language access',
      parent_id: null,
      short_label: '',
      definition: 'Languages other than English.',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#9467BD',
    },
  ],
};

export const TEST_RULES: KeywordRule[] = [
  { code: 'outreach', match: 'calls' },
  { code: 'home-visits', match: 'apartment' },
  { code: 'barriers', match: 'hard' },
  { code: 'schedules', match: 'shift' },
  { code: 'language', match: 'Spanish' },
];

const PHRASES = [
  'The teacher calls two families every week.',
  'It is hard because my shift changes.',
  'The counselor came to our apartment and the teacher calls us.',
  'Flyers are translated into Spanish the same day.',
  'We talked about the weather and the bus.',
  'My shift ends late, so evenings are hard, but she calls anyway.',
];

/** The text of segment i (deterministic; unique so every segment is its own question). */
export const segmentText = (i: number) => `${PHRASES[i % PHRASES.length]} (turn ${i})`;

/**
 * A project file with `segments` segments spread over documents of up to 100 turns,
 * written straight to the tables (fast for big jobs), and the test codebook active.
 */
let made = 0;

export function createTestProject(
  dir: string,
  segments: number,
  opts: { name?: string; text?: (i: number) => string } = {},
): string {
  const path = join(dir, opts.name ?? `engine-${++made}.concord`);
  const p = Project.open(path, 'create');
  const text = opts.text ?? segmentText;
  try {
    p.transaction(() => {
      createCodebookVersion(p.db, TEST_CODEBOOK, 'test');
      const doc = p.db.prepare(
        "INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, '', 0, 0, 'now')",
      );
      const seg = p.db.prepare(
        'INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, ?, 0, 1, ?, 1)',
      );
      let docId = 0;
      for (let i = 0; i < segments; i++) {
        if (i % 100 === 0) docId = Number(doc.run(`d${i}`, `interview-${i / 100}`, `h${i}`).lastInsertRowid);
        seg.run(`s${i}`, docId, i % 100, i % 100, i % 2 ? 'Parent' : 'Teacher', text(i));
      }
    });
  } finally {
    p.close();
  }
  return path;
}
