import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on all of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least cross-validated cost when a
 * wrong name costs 3 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside","sentence-rival","same-gender-rival","speaker-far","carried-past-rival"],
  weights: [3.3678,0.7378,1.2154,0.1154,0.3484,0.1364,-0.0522,-0.178,0.1084,0.1482,0.041,0.0347,-0.265,0.5636,-1.4838,-0.5314,0.6496,0.108,0.2488,0.9951,0.6449,0.4512,-0.0521,-0.4628,-0.8294,-0.37,0.1128,0.1718,-0.9852,-0.8863,-1.0375,-0.7765],
  threshold: 0.5,
};
