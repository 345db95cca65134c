import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on all of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least cross-validated cost when a
 * wrong name costs 3 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside","sentence-rival","same-gender-rival","speaker-far","carried-past-rival"],
  weights: [3.3591,0.7293,1.2347,0.1146,0.348,0.1364,-0.0469,-0.1783,0.1072,0.1475,0.041,0.0392,-0.2612,0.5793,-1.5243,-0.5841,0.672,0.1271,0.2547,0.9969,0.6419,0.442,-0.0691,-0.4673,-0.8496,-0.3336,0.104,0.1708,-0.9951,-0.856,-0.9779,-0.7872],
  threshold: 0.475,
};
