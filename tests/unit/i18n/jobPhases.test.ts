import { describe, expect, it } from 'vitest';
import { JOB_PHASES } from '../../../shared/jobs';
import en from '../../../renderer/src/i18n/en/common.json';
import zh from '../../../renderer/src/i18n/zh-CN/common.json';

// Missing words fail typecheck already (renderer/src/components/JobProgressBar.tsx, PhaseWords); this also refuses
// words left behind for a phase no longer reported, and empty texts.
describe('job phases in words', () => {
  it.each([
    ['zh-CN', zh.phase],
    ['en', en.phase],
  ])('%s has words for exactly the phases of JOB_PHASES', (_lang, words: Record<string, string>) => {
    expect(Object.keys(words).sort()).toEqual([...JOB_PHASES].sort());
    expect(Object.entries(words).filter(([, text]) => !text.trim())).toEqual([]);
  });
});
