import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on fold A of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, with the threshold of least fold A cost when a wrong name costs 2 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside"],
  weights: [3.7907,0.4927,0.0478,0.1769,0.4503,0.0155,0.7778,-0.5573,0.0799,0.1444,0.0276,-0.6103,0.1354,-0.5959,0.3802,-0.4516,0.8456,-0.38,0.9433,0.0077,-1.3229,-0.1562,-0.1689,-0.3165,-0.3192,-0.5726,-0.3551,0.0916],
  threshold: 0.8,
};
