import type { Workspace } from '../../../db/database';
import { SCORE_PARTS } from './evaluationSettings';
import { scorecardStore } from './store';

/**
 * A scorecard's `score_parts` as stored and as read. Since issue 20 a run stores each partner's parts and coverage as a
 * JSON array, `[attainment,growth,…,priceDiscipline,coverage]` in SCORE_PARTS order (~70 bytes), and the weights once, in
 * the run's settings snapshot; before, every row held `{"parts":{…},"weights":{…},"coverage":…}` (~440 bytes: 10k rows
 * wrote 4.4 MB a run, most of the pages its COMMIT wrote). Readers get the object text as it was:
 * `JSON.stringify({ parts, weights, coverage })`, character for character — the numbers keep the text the run wrote.
 * A row stored the old way (an object) reads as stored. SCORE_PARTS only ever grows at its end, so a stored array names
 * its parts by position.
 */
export function scorePartsJson(stored: string, weightsJson: string): string {
  if (stored.charCodeAt(0) !== 0x5b /* [ */) return stored;
  const values = stored.slice(1, -1).split(',');
  const parts = values.length - 1;
  if (parts > SCORE_PARTS.length) throw new Error(`score_parts has ${parts} parts, more than the ${SCORE_PARTS.length} known`);
  let s = '{"parts":{';
  for (let j = 0; j < parts; j++) s += PART_KEYS[j] + values[j];
  return `${s}},"weights":${weightsJson},"coverage":${values[parts]}}`;
}

/** `"attainment":`, `,"growth":` …: the keys as JSON writes them. */
const PART_KEYS = SCORE_PARTS.map((p, j) => `${j ? ',' : ''}${JSON.stringify(p)}:`);

/**
 * Reads stored score_parts back as the full object text for rows of any runs: each run's weights (from its settings
 * snapshot, as JSON.stringify wrote them) are read once, when a row of that run is first read.
 */
export function scorePartsReader(ws: Workspace): (runId: number, stored: string | null) => string | null {
  const weights = new Map<number, string>();
  return (runId, stored) => {
    if (stored === null || stored.charCodeAt(0) !== 0x5b) return stored;
    let w = weights.get(runId);
    if (w === undefined) {
      const text = scorecardStore.runWeights(ws, runId);
      if (text === undefined) throw new Error(`Evaluation run ${runId} has no weights in its settings snapshot`);
      weights.set(runId, (w = JSON.stringify(JSON.parse(text))));
    }
    return scorePartsJson(stored, w);
  };
}
