import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda 1) fitted on fold A of quotes-dev.jsonl and quotes-dev-polnear.jsonl by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least fold A cost when a wrong name
 * costs 2 withheld ones.
 * Regenerate with `npx tsx eval/train-speaker-confidence.ts --write`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ["bias","cue:verb-after","cue:name-after","cue:dash-credit","cue:sentence-end","cue:according-to","cue:verb-before","cue:possessor","cue:introducer","cue:colon","cue:lead-in","cue:reported-before","cue:speaker-goes-on","cue:continuation","cue:partial-subject","pronoun","full-name","surname-only","named-body","role-phrase","partial","known-person","spoke-before","with-role","short-quote","other-people","many-people","named-inside","sentence-rival","same-gender-rival","speaker-far","carried-past-rival"],
  weights: [3.9458,0.3837,0.1197,0.0992,0.2634,0.0345,1.0109,-0.1682,0.0284,0.0988,0.0133,-0.3581,0.1941,-0.1242,-0.5764,-0.3661,0.7548,-0.2867,0.7484,0.1687,-1.2357,0.0119,0.0828,-0.2823,-0.6464,0.0174,-0.2876,0.1072,-0.465,-0.3969,0.3472,-0.3835],
  threshold: 0.775,
};
