import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on fold A of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, with the threshold of least fold A cost when a wrong name costs 2 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside"],
  weights: [3.8022,0.5127,0.0492,0.174,0.4592,0.0121,0.7778,-0.5635,0.0795,0.1448,0.0283,-0.6194,0.1365,-0.5929,0.3697,-0.4542,0.8511,-0.3727,0.9458,-0.0018,-1.3141,-0.147,-0.2024,-0.4161,-0.317,-0.5706,-0.3485,0.0921],
  threshold: 0.75,
};
