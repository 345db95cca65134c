/** What an article says of a person's gender: gendered words near the name, and common given names. */

export type Gender = 'male' | 'female' | null;

const FEMALE_CUES = /\b(?:she|her|hers|herself|mrs|ms|miss|madam|lady|dame|woman|female|mother|wife|daughter|sister|actress|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|duchess|girl|grandmother|aunt|niece|widow)\b/;
const MALE_CUES = /\b(?:he|him|his|himself|mr|sir|lord|man|male|father|husband|son|brother|actor|spokesman|chairman|congressman|businessman|king|prince|duke|boy|grandfather|uncle|nephew|widower)\b/;
// One pass over a sentence instead of one per gender: the group tells which list matched.
const GENDER_CUES = new RegExp(`(${FEMALE_CUES.source})|${MALE_CUES.source}`, 'gi');

// Common given names: a gender cue when the article gives no title or pronoun near the name.
const FEMALE_NAMES = new Set(
  (
    'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley ' +
    'kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy ' +
    'shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ' +
    'ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl ' +
    'andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia ' +
    'judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose ' +
    'alexis kayla hillary hilary theresa angela ursula kaja melanie wendy caroline jody chrystia catherine jane claire ' +
    'fiona kate katie lucy sophie chloe ella lily amelia mia ava nina elena irina natalia svetlana marine nicola kamala ' +
    'nancy elise louise anne annie jo jenny jen meghan megan kirsty beth bethany holly lydia naomi rosa carmen lucia ' +
    'yvonne vanessa tina tanya tracy stacy susie sue carla paula monica erica erika veronica sylvia gina kristen kristin ' +
    'ronda serena venus amanda alison allison leah ruth esther miriam priya aisha fatima ana sofia ines lena ingrid olga eva ' +
    'astrid greta hanna johanna odile'
  ).split(/\s+/),
);
const MALE_NAMES = new Set(
  (
    'james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald ' +
    'steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric ' +
    'jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry ' +
    'tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah ' +
    'gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan ' +
    'alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny bill mike tom dave dan jim ' +
    'bob rob steve tony chris nick matt greg ben sam joe vladimir volodymyr emmanuel boris barack justin mitch elon jeff ' +
    'marc marco mario luis carlos jorge pedro miguel antonio francisco hans klaus olaf friedrich guenther jean-claude ' +
    'pierre jacques francois ivan sergei dmitry igor xi li wang ali mohammed muhammad ahmed omar hassan navdeep jagmeet ' +
    'murray konrad rod trevor seamus neil ian colin graham hugh angus duncan ross craig gordon stuart malcolm nigel ' +
    'keir rishi liam harry charlie oliver jake luke owen callum connor declan rory shane kieran brendan jamie carlo ' +
    'jurgen pep jose zinedine lionel cristiano andres sergio diego rafael novak roger andy piet tomas lars erik sven'
  ).split(/\s+/),
);

/** Gender suggested by a given name, or `null`. */
export function genderOfGivenName(name: string): Gender {
  const first = name.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (FEMALE_NAMES.has(first)) return 'female';
  if (MALE_NAMES.has(first)) return 'male';
  return null;
}


/** Each gendered word of `text` (she, her, Mrs, spokeswoman...): where it stands and the gender it signals. */
export function genderCues(text: string): Array<{ index: number; gender: 'male' | 'female' }> {
  const cues: Array<{ index: number; gender: 'male' | 'female' }> = [];
  GENDER_CUES.lastIndex = 0;
  let cue: RegExpExecArray | null;
  while ((cue = GENDER_CUES.exec(text)) !== null) cues.push({ index: cue.index, gender: cue[1] === undefined ? 'male' : 'female' });
  return cues;
}
