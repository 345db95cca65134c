import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on all of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least cross-validated cost when a
 * wrong name costs 3 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside","sentence-rival","same-gender-rival","speaker-far","carried-past-rival"],
  weights: [3.2198,0.8094,1.0873,0.1177,0.392,0.0414,0.058,-0.1758,0.1215,0.1535,0.0462,-0.1848,-0.2105,0.619,-1.4809,-0.506,0.7048,0.1787,0.1918,0.8246,0.5892,0.5891,-0.2023,-0.6323,-0.8071,-0.3429,0.1518,-0.1389,-1.0283,-0.5026,-1.0525,-0.7583],
  threshold: 0.6,
};
