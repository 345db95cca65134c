import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on all of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least cross-validated cost when a
 * wrong name costs 3 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside","sentence-rival","same-gender-rival","speaker-far","carried-past-rival"],
  weights: [3.2208,0.8121,1.0874,0.1177,0.3921,0.0414,0.0571,-0.1758,0.1217,0.1535,0.0462,-0.185,-0.2123,0.619,-1.4815,-0.5073,0.704,0.1807,0.1917,0.8246,0.589,0.5892,-0.2028,-0.6321,-0.8064,-0.3438,0.1516,-0.1391,-1.0285,-0.5028,-1.0491,-0.7597],
  threshold: 0.6,
};
