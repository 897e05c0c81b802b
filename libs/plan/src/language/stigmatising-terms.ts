/**
 * Words that label people rather than describe situations, with person-first
 * alternatives (from the practice texts in shared/seeds). Data, not code: extend freely.
 * `pattern` is matched case-insensitively on word boundaries.
 */
export interface StigmatisingTerm {
  pattern: string;
  suggestion: string;
  why: string;
}

export const STIGMATISING_TERMS: readonly StigmatisingTerm[] = [
  { pattern: 'addicts?', suggestion: 'person who uses drugs', why: 'Describe the person, not a label.' },
  {
    pattern: 'addicted',
    suggestion: 'uses … regularly / has a dependence on …',
    why: 'Describe what the person does, not what they are.',
  },
  { pattern: 'junkies?|junky', suggestion: 'person who uses drugs', why: 'A slur; describe the person.' },
  {
    // "user" as a noun only ("a user", "drug users", "users"), never "user account" or "username".
    pattern:
      '(?:drug|iv|injection|injecting|needle|heroin|meth|crack|cocaine|opioid|fentanyl|substance|active|chronic|heavy)[ -]users?|an? users?(?! account| name| guide| interface)|users(?! guide| manual)',
    suggestion: 'person who uses drugs / people who use drugs',
    why: '"User" reduces a person to one behaviour.',
  },
  {
    pattern: 'drug abusers?|substance abusers?|abusers?',
    suggestion: 'person who uses substances',
    why: '"Abuser" casts use as a moral failing.',
  },
  {
    pattern: 'alcoholics?',
    suggestion: 'person who drinks alcohol / person with an alcohol use disorder',
    why: 'Describe the person, not a label.',
  },
  { pattern: 'clean', suggestion: 'not using / negative result', why: '"Clean" implies a person who uses is dirty.' },
  { pattern: 'dirty', suggestion: 'using / positive result', why: '"Dirty" shames the person.' },
  {
    pattern: 'non-?compliant|noncompliance|non-?compliance',
    suggestion: 'chose not to / did not fit their situation',
    why: 'Frames a choice or barrier as disobedience.',
  },
  {
    pattern: 'drug-?seeking',
    suggestion: 'asking for pain relief / describing unmet pain',
    why: 'Dismisses a request that may be real.',
  },
  {
    pattern: 'resistant|in denial',
    suggestion: 'not ready yet / has other priorities right now',
    why: 'Ambivalence is a normal stage, not defiance.',
  },
  {
    pattern: 'relaps(?:e|es|ed|ing)',
    suggestion: 'return to use / setback',
    why: 'Setbacks are expected; "relapse" reads as failure.',
  },
  {
    pattern: 'detox(?:es|ed|ing)?',
    suggestion: 'withdrawal management',
    why: '"Detox" implies the person is toxic; name the care instead.',
  },
  {
    pattern: 'sober|sobriety',
    suggestion: 'not using right now / not drinking right now',
    why: 'Implies anyone who uses is impaired; say what the person is doing.',
  },
  {
    pattern: 'failed',
    suggestion: 'has not happened yet / did not work this time',
    why: 'There is no failure state in a plan.',
  },
  {
    pattern: 'manipulative',
    suggestion: 'trying to get a need met',
    why: "Describes the worker's view, not the person's need.",
  },
  { pattern: 'frequent flyer', suggestion: 'person who visits often', why: 'Mocks people who need care often.' },
];

/** Substance-use words that should not sit in text labelled less strictly than substance use. */
export const SUBSTANCE_USE_TERMS: readonly string[] = [
  'heroin',
  'fentanyl',
  'opioids?',
  'opiates?',
  'methadone',
  'buprenorphine',
  'suboxone',
  'naloxone',
  'narcan',
  'cocaine',
  'crack',
  'meth',
  'methamphetamine',
  'amphetamines?',
  'benzos?',
  'benzodiazepines?',
  'alcohol',
  'drinking',
  'injecting',
  'injection',
  'needles?',
  'syringes?',
  'overdose',
  'overdosed',
  'drug use',
  'drugs?',
  // Words about people and use (rule 14): staff writing them into general text reveal use.
  'addicts?',
  'addicted',
  'addiction',
  'junkies?',
  'junky',
  'relaps(?:e|es|ed|ing)',
  'detox(?:es|ed|ing)?',
  'sober',
  'sobriety',
  '(?:drug|iv|injection|injecting|needle|heroin|meth|crack|cocaine|opioid|fentanyl|substance)[ -]users?',
  'tox screen',
  'urine drug screen',
];
