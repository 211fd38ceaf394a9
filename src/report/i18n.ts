/**
 * The report's words in English and Danish, in one place: headings, sentences, table columns,
 * chart titles and axes. The metrics' English labels are in the metric documentation
 * (`label` in model/reporters.ts); their Danish labels are here ({@link DA_METRIC_LABELS}).
 *
 * Each language is one object of the same shape ({@link Texts}); the compiler checks that the
 * Danish one has every text the English one has.
 */

/** The languages of the report. */
export const LANGS = ['en', 'da'] as const;

/** An estate's anchor (model/anchor.ts), its numbers already formatted for the report's language. */
export interface AnchorText {
  estate: string;
  attractiveness: string;
  /** The attractiveness is at its limit (the attachment then carries the rest). */
  atLimit: boolean;
  attachment: string;
  familyShare: string;
  strongFamilyShare: string;
  seniorShare: string;
  /** Resource-strong couples at the start (both under 60): the share with both in work or education; of the others, the share where it is the first adult. */
  couplesBoth: string;
  couplesFirst: string;
  /** Students among the active adults of resource-strong households at the start, under 27 and aged 27-59. */
  studentsYoung: string;
  studentsOlder: string;
  /** Drift of the resource-strong share over `years`, signed share points. */
  driftBefore: string;
  driftAfter: string;
  years: number;
  converged: boolean;
  trials: number;
  /** The scenario's other estates, simulated with this one in every trial of its search (empty: solved alone). */
  together: string[];
}
export type Lang = (typeof LANGS)[number];

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** Danish labels of the metrics that have an English `label` in model/reporters.ts. */
export const DA_METRIC_LABELS: Readonly<Record<string, string>> = {
  resourceStrongShare: 'Andel ressourcestærke blandt 22-59-årige',
  familiesWithChildren: 'Børnefamilier',
  resourceStrongFamilies: 'Ressourcestærke børnefamilier',
  retiredAdults: 'Pensionister',
  nonWesternShare: 'Andel med ikke-vestlig baggrund',
  moveOuts: 'Fraflyttede husstande',
  outResourceStrongFamilies: 'Fraflyttede ressourcestærke børnefamilier',
  outResourceStrongFamiliesShortStay: 'Heraf efter højst 2 år',
  meanStayYears: 'Gennemsnitlig boperiode i afdelingen',
  image: 'Omdømme',
  socialProblems: 'Sociale problemer',
  crime: 'Kriminalitet: dømte i forhold til landsgennemsnittet (kriterium 2)',
  convictionRatio: 'Kriminalitet: dømte i forhold til landsgennemsnittet (kriterium 2)',
  outsideWorkShare18to64: 'Uden for arbejde eller uddannelse, 18-64 år (kriterium 1)',
  basicEducationShare30to59: 'Kun grundskole, 30-59 år (kriterium 3)',
  incomeRatio: 'Indkomst i forhold til regionen (kriterium 4)',
};

/** Danish units of the metrics (the English ones are the metrics' `unit`). */
export const DA_UNITS: Readonly<Record<string, string>> = {
  share: 'andel',
  count: 'antal',
  persons: 'personer',
  households: 'husstande',
  flats: 'boliger',
  years: 'år',
  ratio: 'forhold',
  'ratio (1 = national)': 'forhold (1 = landsgennemsnit)',
  'index (1 = national)': 'indeks (1 = landsgennemsnit)',
  'index 0-1': 'indeks 0-1',
  index: 'indeks',
  code: 'kode',
  'households per year': 'husstande pr. år',
  'persons per year': 'personer pr. år',
  'flats per year': 'boliger pr. år',
  'percentage points': 'procentpoint',
};

/** The verdict on an effect, from its 95% confidence interval. */
/**
 * A number that could not be computed (an interval from one replication, a share of nothing), as
 * Danish writes it in a report: "ikke opgjort". Not "–": in Danish statistical tables (Danmarks
 * Statistik's conventions) a dash means nil, the opposite of what is meant; not "i.t.", which no
 * Danish reader knows as an abbreviation.
 */
export const DA_NOT_AVAILABLE = 'ikke opgjort';

export type Verdict = 'helps' | 'harms' | 'unclear' | 'noInterval';

const en = {
  lang: 'en' as Lang,
  /** Decimal separator of the language. */
  decimal: '.',
  comparisonTitle: (base: string, variants: string[]) => `nabolag comparison: ${base} against ${variants.join(', ')}`,
  runTitle: (name: string) => `nabolag report: ${name}`,
  subtitle: (reps: number, years: number, start: number, last: number, seed: number, version: string) =>
    `${reps} replication${reps === 1 ? '' : 's'} × ${years} year${years === 1 ? '' : 's'} (${start}-${last}), base seed ${seed}, nabolag ${version}`,
  range: (a: string, b: string) => `${a} to ${b}`,
  contents: 'Contents',
  files: 'Files',
  answer: 'The answer in brief',
  verdict: { helps: 'likely helps', harms: 'likely harms', unclear: 'no clear effect', noInterval: 'one replication: no interval' } as Record<Verdict, string>,
  /** The verdict on a variant without levers of its own (another value of a model parameter): not a policy that helps or harms. */
  verdictParameter: {
    helps: 'likely raises the share',
    harms: 'likely lowers the share',
    unclear: 'no clear effect',
    noInterval: 'one replication: no interval',
  } as Record<Verdict, string>,
  /** The headline's verdict for a variant that runs the same model as the baseline. */
  sameModel: 'the same model as the baseline: no effect is possible',
  noChange:
    "exactly the baseline's results in every replication: its levers changed nothing here (e.g. a lever the estate already has, such as flexible letting where the list makes it mandatory)",
  /** The headline's verdict for a variant whose municipal allocation lever sets the share the baseline already has. */
  sameMunicipalShare: (share: number) =>
    `exactly the baseline's results: its municipal allocation share (${share}) is the baseline's own (letting.municipalShare ${share}, the law's every 4th vacancy by default), so the lever changes nothing: give a lower share to cap it`,
  /** The headline's verdict for a variant whose levers all start after the run's last year (`last`). */
  leversAfterRun: (last: number) => `exactly the baseline's results: its levers start after the run's last year (${last}), so they never act in this run`,
  /** Added to the verdict of a variant with levers that also changes the model's parameters. */
  mixedVariant: ' (it changes model parameters too: the appendix names them)',
  turnoverWarning: (items: string) =>
    `Households moved out at a rate no part of the Danish social housing stock has: ${items} a year (LBF 2019: 10.4% in family dwellings, 39.9% in youth housing; households a demolition displaces left out). Check the scenario's rates of moving: these results describe an estate that does not exist.`,
  turnoverItem: (scenario: string, row: string, pct: string) => `"${scenario}" (${row}) ${pct}`,
  turnoverHigh: (items: string, factor: number) =>
    `Households moved out at more than ${factor} times the rate of Danish family housing: ${items} a year (LBF 2019: 10.4% in family dwellings; pattern P3 accepts up to 14%). "Why households move out" shows which reasons drive it; an image far below the region's with a strong spiral, or raised rates of moving, are the usual causes. The effects hold for such an estate, not for a typical one.`,
  verdictParameterRule:
    '"Likely raises the share" or "likely lowers the share": a variant with the baseline\'s levers and other values of the model\'s parameters; its effect says what the model does, not what a policy would.',
  /** "extension: +6.6 points resource-strong by 2041, 95% CI +5.6 to +7.5 — likely helps" */
  headline: (variant: string, diff: string, end: number, ci: string, verdict: string) =>
    `${variant}: ${diff} points resource-strong by ${end}, 95% CI ${ci} — ${verdict}`,
  headlineNoCi: (variant: string, diff: string, end: number, verdict: string) => `${variant}: ${diff} points resource-strong by ${end} — ${verdict}`,
  /** Appended to a headline that reads a region's sum row. */
  headlineRegionRow: ' (the region: its estates together)',
  /** A region's headline: the effect in the one estate the variant's levers act on. */
  headlineTargeted: (estate: string, diff: string, ci: string) => `; in ${estate}, the estate its levers act on, ${diff} points, 95% CI ${ci}`,
  /** Appended to a headline whose variant demolishes: "; its demolition displaced 200 households, 65 rehoused in the region" */
  /** `region`: the run has several estates; one estate rehouses its displaced households in its own vacancies ("in the estate", not "in the region", which a planner reads as the municipality's). */
  headlineDisplaced: (displaced: string, rehoused: string, left: boolean, region: boolean) =>
    `; its demolition displaced ${displaced} households${left ? `, of whom ${rehoused} were rehoused in the ${region ? 'region' : 'estate'} and the rest left: part of the change is who left` : `, all rehoused in the ${region ? 'region' : 'estate'}`}`,
  headlineIntro: (base: string, end: number) =>
    `Each variant against the baseline "${base}": the change in the share of adults aged 22-59 who are resource-strong (in work or education, or living with someone who is) by ${end}, in percentage points, with its 95% confidence interval. Best first.`,
  verdictRule:
    '"Likely helps" or "likely harms": the interval lies wholly above or below zero. "No clear effect": it includes zero, so these replications cannot tell the effect from none.',
  ranking: 'Ranking',
  rank: 'Rank',
  variant: 'Variant',
  verdictColumn: 'Verdict (resource-strong share)',
  rankingCaption: (end: number) => `Variants ranked by the effect on the resource-strong share by ${end}: mean paired difference, 95% CI in brackets.`,
  overlap: (a: string, b: string) => `The intervals of ${a} and ${b} overlap: their order is not certain.`,
  forestHeading: 'Effects with their confidence intervals',
  forestTitle: (base: string) => `Effect of each variant against ${base}`,
  forestSubtitle: (end: number) => `Mean paired difference by ${end}, with its 95% confidence interval; the line at 0 is no effect`,
  forestAxisPoints: 'Difference, percentage points',
  forestAxis: (unit: string) => `Difference, ${unit}`,
  forestCaption: (base: string, end: number) =>
    `Forest plot: for each variant and outcome, the dot is the mean paired difference to "${base}" by ${end} and the bar its 95% confidence interval. A bar that does not cross the zero line is a clear effect.`,
  ciLow: 'CI from',
  ciHigh: 'CI to',
  difference: 'Difference',
  outcome: 'Outcome',
  driftWarning: 'Warning: the baseline drifts',
  driftMore: (n: number, rows: number) => `And ${n} more, in ${rows} row${rows === 1 ? '' : 's'} (summary.json's "drifts").`,
  driftWarningLevers: "Warning: the estate drifts, with the scenario's levers (part or all of it may be theirs: compare the scenario without them to tell)",
  drift: (label: string, from: string, to: string, start: number, end: number, limit: string, peak?: { value: string; year: number }) =>
    peak
      ? `${label}: ${from} in ${start}, ${peak.value} at the end of ${peak.year} (more than ${limit} away), ${to} by ${end}.`
      : `${label}: ${from} in ${start}, ${to} by ${end} (more than ${limit} away).`,
  driftAdvice:
    "The estate changes without any lever: read the effects as differences from this moving baseline, not from today's estate. Without levers, a change gone by the end is the model's start settling (docs/ODD.md, Known limitations).",
  driftAdviceLevers:
    "The scenario has levers, so this is not a baseline: the change may be the levers' doing, the model's own drift, or both. A comparison with the same scenario without levers (nabolag compare) tells them apart.",
  driftBeyond: (years: number) =>
    `Anchoring holds an estate over ${years} years; after them the model does not hold it, though it moves little (over 50 years families within 4% and retired adults within 13% in the tests: docs/ODD.md, "Anchoring").`,
  /** `levers`: the scenario has levers, so what holds or moves is the estate with them, not a baseline. */
  steady: (label: string, from: string, to: string, start: number, end: number, levers = false) =>
    `${levers ? "The estate steady, with the scenario's levers" : 'Baseline steady'}: ${label.toLowerCase()} ${from} in ${start}, ${to} by ${end}; in no year a drift beyond its bounds that the replications can tell from their own noise.`,
  unclear: (items: string, n: number, levers = false) =>
    n === 1
      ? `${levers ? "The estate, with the scenario's levers, is not shown to hold" : 'Baseline not shown to hold'}: in its one replication, ${items}, beyond the bounds in some year; one replication cannot tell a drift from that run's chance (it has no interval); run 10 or more (-n 10) to tell.`
      : `${levers ? "The estate, with the scenario's levers, is not shown to hold" : 'Baseline not shown to hold'}: by the mean, ${items}, beyond the bounds in some year, but not clear of the noise of ${n} replication${n === 1 ? '' : 's'}; ${n < 10 ? 'run 10 or more (-n 10)' : `run more (e.g. -n ${2 * n})`} to tell a drift from chance.`,
  /** A drift's item in `unclear`: from and to, and the year it was largest where that came before the end. */
  unclearItem: (label: string, from: string, to: string, peak?: { value: string; year: number }) =>
    `${label} ${from} → ${to}${peak ? ` (${peak.value} at the end of ${peak.year})` : ''}`,
  steadyFew: (n: number, levers = false) =>
    n === 1
      ? `This is one replication's path, with no interval: chance could hide a drift in it; run 10 or more (-n 10) to check that ${levers ? 'the estate' : 'the baseline'} holds.`
      : `With ${n} replication${n === 1 ? '' : 's'} only a drift far beyond its threshold would show here; run 10 or more (-n 10) to check that ${levers ? 'the estate' : 'the baseline'} holds.`,
  /** `n`: the replications (one has no range: its values alone). */
  trajectoryIntro: (name: string, end: number, n = 2) =>
    n === 1
      ? `Scenario "${name}": the estate's composition on 1 January of the first year and by ${end}, in its one replication (no range over replications: run 10 or more, -n 10, to see how much runs vary).`
      : `Scenario "${name}": the estate's composition on 1 January of the first year and by ${end} (mean, 5-95% range over replications in brackets).`,
  trajectoryLine: (label: string, from: string, to: string, start: number, end: number) => `${label}: ${from} in ${start} → ${to} by ${end}`,
  isNotHeading: 'What this is and is not',
  isNot: [
    'A stylised estate: the households, flats and rules are a simplified model of a Danish social housing estate, not a particular one.',
    'The size of each lever (how much it changes letting, moving or image) is an assumption, set in the scenario files; the effects are only as good as those assumptions.',
    'Not a forecast: it compares what-ifs on the same simulated estate; it does not predict what will happen.',
    'The bands show how much single runs differ (5th-95th percentile over replications); the 95% confidence interval shows how sure the mean effect is, and narrows with more replications.',
  ],
  termsHeading: 'Danish terms used',
  terms: [
    ['ressourcestærk', 'resource-strong: in work or education, or living with someone who is (aged 22-59)'],
    ['udsat boligområde', 'disadvantaged area: an area of 1,000+ residents meeting at least two of the four list criteria'],
    [
      'forebyggelsesområde',
      "prevention area (2021 rules): an area of 1,000+ residents, more than 30% of them of non-western background, meeting at least two of the four criteria at lower thresholds (30% outside work or education, convictions twice the national rate, 60% with basic education only, income below 65% of the region's); flexible letting is mandatory there",
    ],
    ['parallelsamfund', 'parallel society (formerly "ghetto"): a disadvantaged area where more than half the residents are of non-western background'],
    [
      'omdannelsesområde',
      'transformation area (formerly "hard ghetto"): a parallel society in each of the last five years (2021 rules; under the 2018 rules a ghetto area four years in a row); must cut its family social housing to 40%',
    ],
    ['fleksibel udlejning', 'flexible letting: vacancies let first to applicants in work or education'],
    ['kommunal anvisning', 'municipal allocation: the municipality assigns households in need to vacancies'],
    ['forlængelse', 'extension: a lever that keeps resource-strong families longer (fewer of them leave)'],
  ] as [string, string][],
  appendix: 'Appendix: what was run',
  findings: 'Findings',
  findingsIntro: 'Generated from the numbers: means over replications, the 5-95% range in brackets.',
  effects: 'Effects at the horizon',
  patterns: 'Patterns',
  patternColumns: ['Pattern', 'Target', 'Value (5-95% bootstrap band)', 'Within target', 'Detail'],
  /** The Patterns section's intro; in a comparison `baseline` (escaped) names the scenario the patterns are computed from. */
  patternsIntro: (baseline?: string) =>
    `The patterns the model should reproduce, each computed from ${baseline === undefined ? "this run's outputs" : `the outputs of the baseline "${baseline}" (not of the variants)`} and compared with its target. The value is the one checked against the target (a mean over replications, or a share pooled over them); in brackets, the 5-95% band of that value over bootstrap resamples of the replications (none with a single replication).`,
  /** Why P5 and/or P6 (`ids`) are not in the table: each needs its own paired experiment. */
  patternsNotChecked: (ids: ('P5' | 'P6')[]) => {
    const what = { P5: 'P5: the estate with and without image work', P6: 'P6: with and without a programme that lifts residents into work or education' };
    const many = ids.length > 1;
    return `${ids.join(' and ')} ${many ? 'are' : 'is'} not checked in this report: ${many ? 'each needs its own' : 'it needs a'} paired experiment, two scenarios run on the same seeds (${ids.map((id) => what[id]).join('; ')}). <code>nabolag calibrate --presets --only average</code> runs ${many ? 'these experiments' : 'this experiment'} on the average estate (scenarios/presets/average.yaml) and checks ${many ? 'them' : 'it'}.`;
  },
  /** Words of the Patterns table's values: share points, "to" in a band, the units after a value. */
  patternPoints: 'points',
  patternUnits: { 'share per year': 'per year', 'relative change': 'relative change', years: 'years' } as Record<string, string>,
  groups: { composition: 'Composition', flows: 'Moves and stays', image: 'Image and the list criteria' } as Record<'composition' | 'flows' | 'image', string>,
  effectColumns: ['Variant', 'Outcome', 'Unit', 'Baseline', 'Variant value', 'Difference', '95% CI', 'Clear', 'Single runs 5-95%'],
  yes: 'yes',
  no: 'no',
  na: 'n/a',
  pp: 'pp',
  effectsIntro: (base: string, end: number) =>
    `Each variant against the baseline "${base}" by ${end} (stocks and shares at the end of ${end - 1}, flows summed over ${end - 1}; effects.csv lists them under year ${end - 1}). The difference is paired: computed replication by replication on the same seeds, then averaged. "95% CI" is the confidence interval of that mean (t-based): it narrows as replications are added, and "clear" means it excludes zero. "Single runs 5-95%" is how much the difference varies from one replication to the next: it does not narrow with more replications. pp = percentage points. Hover an outcome for its code in the data files; every metric is in <a href="effects.csv">effects.csv</a>.`,
  runColumns: ['Scenario', 'Role', 'Description', 'Levers'],
  /** The appendix's line on the command line's --set options. */
  setOptions: (opts: string, compared: boolean) =>
    `Changed on the command line (--set), as if the scenario file${compared ? 's said so, in every scenario that has the field' : ' said so'}: ${opts}.`,
  /** The appendix's extra column in a comparison: the fields a variant changes besides its levers. */
  changedColumn: 'Other changes from the baseline',
  /**
   * After the appendix's table, in a report whose language is not the scenario files': their
   * descriptions, levers and fields are shown as the files write them. '' in English.
   */
  runAsWritten: '',
  changed: (path: string, value: string, base: string) => `${path} ${value} (baseline ${base})`,
  changedMore: (n: number) => `and ${n} more (manifest.json)`,
  baseline: 'baseline',
  variantRole: 'variant',
  runRole: 'run',
  none: 'none',
  leverWhen: (lever: string, when: string, estate?: number, name?: string) =>
    `${lever} from ${when}${estate !== undefined ? ` (estates[${estate}]${name !== undefined ? `, "${name}"` : ''})` : ''}`,
  /** A lever's yes/no field as the scenario file writes it (English) or in words. */
  leverBool: (v: boolean) => String(v),
  /** After a flexibleLetting lever that never took a vacancy (headline.ts, flexibleNeverActed). */
  leverNeverActed: ' (it never took a vacancy: the list made flexible letting mandatory whenever it was in force)',
  /** After a largerFlats lever that made fewer flats than asked (sections.ts, madeText). */
  leverMade: (made: string, asked: number) =>
    ` (made ${made} of the ${asked} asked, mean over replications: too few neighbouring small flats, or the run ended first)`,
  allInManifest: 'all in manifest.json',
  runWhat: (n: number, reps: number, years: number, start: number, last: number, seed: number, seeds: string, paired: boolean, version: string) =>
    `${n > 1 ? `${n} scenarios, each` : '1 scenario'} with ${reps} replication${reps === 1 ? '' : 's'} of ${years} year${years === 1 ? '' : 's'} (${start}-${last}), base seed ${seed}; replication <i>i</i> uses a seed derived from the base seed and <i>i</i>: ${seeds}.${
      paired ? ' Every scenario ran on the same seeds (common random numbers), so the differences are paired replication by replication.' : ''
    } Made with nabolag ${version}.`,
  anchored: (a: AnchorText) =>
    `Anchoring (docs/ODD.md, "Anchoring"): estate "${a.estate}" is held as given by solved values (what applicants and residents the baseline needs to stay where it starts, not measured): attractiveness ${a.attractiveness} (log-odds of resource-strong applicants against the region's${a.atLimit ? ', at its limit' : ''}), residents' labour-market attachment ${a.attachment} (×, on their rates into work and education; 1 = as the elevator's rates say), family share of the applicants who are not resource-strong ${a.familyShare} (of those who are ${a.strongFamilyShare}), seniors ${a.seniorShare}; at the start, both adults in work or education in ${a.couplesBoth} of the resource-strong couples under 60 (of the others, the first adult in ${a.couplesFirst}), and students are ${a.studentsYoung} of the active adults under 27 in resource-strong households and ${a.studentsOlder} of those aged 27-59. At the first guess the resource-strong share drifted ${a.driftBefore} points over ${a.years} years, with the solved values ${a.driftAfter}${a.converged ? '' : ' (the search stopped before every drift was held)'}, after ${a.trials} trial${a.trials === 1 ? '' : 's'} of the search${a.together.length > 0 ? `, every trial with the region's other estates (${a.together.join(', ')}) beside it, so that the households who move between them are in the baseline it holds` : ''}; manifest.json says how long it took and whether this run solved it or read it from the anchors shipped with nabolag or cached.`,
  runHow: (start: number, end: number, years: number, row: string, region: boolean) =>
    `Numbers are means over replications with the 5th-95th percentile range in brackets. Charts show the state on 1 January of each year (${start} is the initial state, ${end} the state after ${years} simulated year${years === 1 ? '' : 's'}) and flows summed over each calendar year. They read the metric row "${row}"${region ? ' (all estates together)' : ''}.`,
  chartFiles: 'Files',
  links: {
    'metrics.csv': 'metrics.csv — every metric per replication, month and estate',
    'moves.csv': 'moves.csv — one row per household move',
    'effects.csv': 'effects.csv — paired effects at the horizon, every metric',
    'summary.json': 'summary.json — mean and 5-95% band per metric and year',
    'manifest.json': 'manifest.json — version, scenarios as resolved, seeds (enough to reproduce the run)',
  } as Record<string, string>,

  /** The findings' sentences (report/findings.ts). */
  findingsText: {
    trend: (subj: string, dir: 'same' | 'up' | 'down', plural: boolean, a: string, b: string, start: number, end: number, small: boolean) => {
      const verb = { same: plural ? 'stay at about' : 'stays at about', up: plural ? 'rise from' : 'rises from', down: plural ? 'fall from' : 'falls from' }[
        dir
      ];
      if (dir === 'same') return `${subj} ${verb} ${a} on 1 January ${start} and ${b} by ${end}.`;
      return `${subj} ${verb} ${a} on 1 January ${start} to ${b} by ${end}${small ? ', a change within the spread between replications' : ''}.`;
    },
    onNoList: 'on no list',
    listedAs: (label: string) => `listed as ${label}`,
    statusIn: (parts: string, n: number) => `${parts} of ${n} replications`,
    /** The statuses of the replications as a list: "a, b and c". */
    statusList: (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`),
    statusSpread: (n: number, margin: number) =>
      ` (the replications differ: with ${n} of them a share of replications is known to about ±${margin} points, 95%, so run more before reading one scenario's status against another's)`,
    statusIn1: (label: string, c: number) => `${label} in ${c}`,
    onNoListAll: (n: number) => (n === 1 ? 'on no list in its one replication' : `on no list in any of the ${n} replications`),
    listedAll: (label: string, n: number) => `listed as ${label} in all ${n} replications`,
    statusGloss: {
      none: 'not listed',
      prevention: 'prevention area, forebyggelsesområde',
      udsat: 'disadvantaged area, udsat boligområde',
      ghetto: 'parallel society, formerly ghetto area',
      hard: 'transformation area, before 2021 hard ghetto',
    } as Record<string, string>,
    /** The list status as a clause: "the estate is …", or a region's estates one by one ("A is …; B is …"). */
    statusOf: (items: { name?: string; text: string }[]) => items.map((i) => `${i.name ?? 'the estate'} is ${i.text}`).join('; '),
    estatesListed: (k: number, estates: number, n: number) =>
      k === 0
        ? `none of the region's ${estates} estates is on a list in any of ${n} replications`
        : `${k} of the region's ${estates} estates ${k === 1 ? 'is' : 'are'} on a list in at least one of ${n} replications`,
    estateIs: (end: number, clause: string) => `By ${end} ${clause}.`,
    estateIsEvery: (end: number, clause: string) => `By ${end} ${clause}, in every scenario.`,
    estateIsWith: (end: number, clause: string, v: string, baseClause: string, base: string) => `By ${end}, with ${v}, ${clause}; in ${base}, ${baseClause}.`,
    criterion: (label: string, shown: string, threshold: string, met: boolean) => `${label} ${shown} (criterion: ${threshold}) — ${met ? 'met' : 'not met'}`,
    tooSmall: (residents: string, min: number) =>
      `With ${residents} residents (mean at the horizon) it is below the ${min.toLocaleString('en')} residents an area needs to be on a list at all (almenboligloven § 61 a; classification.minResidents): in a year it has fewer it is not listed, whatever the criteria, and only a replication that has grown past them can be.`,
    criteria: (end: number, k: number, min: number, parts: string, base?: string) =>
      `By ${end} the mean values${base ? ` in ${base}` : ''} meet ${k} of the four list criteria (an area of at least 1,000 residents is listed when it meets at least ${min}): ${parts}.`,
    criteriaEach: (end: number, min: number, parts: string, base?: string) =>
      `By ${end} each estate's mean values${base ? ` in ${base}` : ''} meet this many of the four list criteria (an area of at least 1,000 residents is listed when it meets at least ${min}; the region is classified estate by estate): ${parts}.`,
    criteriaOf: (name: string, k: number, met: string, small: boolean) =>
      `${name} ${k}${k ? ` (${met})` : ''}${small ? ', but on the mean with under 1,000 residents, too few to be listed' : ''}`,
    criteriaCount: (end: number, k: number, estates: number, min: number, base?: string) =>
      `By ${end} the mean values${base ? ` in ${base}` : ''} of ${k} of the region's ${estates} estates meet at least ${min} of the four list criteria (an area of at least 1,000 residents is listed when it does; the region is classified estate by estate).`,
    preventionNote:
      "Under the 2021 rules an area with more than 30% of residents of non-western background is a prevention area (forebyggelsesområde, § 61 b) when it meets 2 of the same four criteria at lower thresholds: more than 30% outside work or education, convictions at least twice the national rate, more than 60% with basic education only, income below 65% of the region's.",
    outsideNote:
      "The model's share outside work or education counts every adult 18-64 who is neither working nor studying, also those on unemployment or sickness benefits and in early retirement, which the law's count leaves out in part: it reads higher than a real estate's (ringparken-like about 67%, the real Ringparken 41% in 2019), so criterion 1 is met more easily than in reality (docs/ODD.md 7.4).",
    noMoves: (who: string) => `No households moved in and out${who}, so the elevator effect cannot be read from this run.`,
    inName: (name: string) => ` in ${name}`,
    elevatorClear:
      'More of those leaving than of those arriving are resource-strong: the estate lifts households into work or education and then loses them (the elevator effect).',
    elevatorSlight: 'Slightly more of those leaving are resource-strong, within the spread between replications.',
    elevatorNone: 'No elevator effect shows in these numbers.',
    fewStrongInMovers:
      'So few of those moving in are resource-strong that the estate holds its share by its own residents moving into work or education (the elevator); levers that act through who moves in (flexible letting, image work, allocation limits) have little to work with here.',
    anchorLowLimit: (estate: string, attractiveness: string, attachment: string, ins: string, slowed: boolean) =>
      `Anchoring could hold ${estate} where it starts only at the limit of its attractiveness (${attractiveness}; the residents' labour-market attachment ${attachment}): the baseline needs almost no resource-strong applicants${ins ? ` (${ins} of the households moving in were resource-strong)` : ''}, because even without them the residents' own job finding would lift the estate above its start${slowed ? `; so the search also slowed that job finding, to ${attachment} times the elevator's rates` : ''}. Levers that act through who moves in (flexible letting, image work, allocation limits) have few resource-strong applicants to bring here, so their effects say as much about this limit of the model as about the estate (docs/ODD.md, "Anchoring").`,
    anchorHighLimit: (estate: string, attractiveness: string, attachment: string) =>
      `Anchoring could hold ${estate} where it starts only at the limit of its attractiveness (${attractiveness}), with its residents finding work and education ${attachment} times as often as the elevator's rates say: read its effects with this limit of the model in mind (docs/ODD.md, "Anchoring").`,
    elevator: (who: string, ins: string, outs: string, verdict: string) =>
      `Over the run${who}, ${ins} of the households moving in were resource-strong, against ${outs} of those moving out. ${verdict}`,
    noLeavers: (who: string, years: number) =>
      `No resource-strong family with children moved out${who} during the ${years === 1 ? 'one year' : `${years} years`}.`,
    stay: (who: string, leavers: string, years: number, share: string, mark: number) =>
      `Of the resource-strong families with children who moved out${who} (${leavers} per replication over ${years} year${years === 1 ? '' : 's'}), ${share} had lived in the estate ${mark} years or less — the report's mark (it found almost half in 2015).`,
    staysPart: (name: string, share: string, leavers: string) => `${name} ${share} of ${leavers} leavers per replication`,
    staysNone: (name: string) => `${name} none left`,
    stays: (years: number, mark: number, parts: string) =>
      `Of the resource-strong families with children who moved out during the ${years === 1 ? 'one year' : `${years} years`}, the share who had lived in the estate ${mark} years or less (the report's mark; it found almost half in 2015): ${parts}.`,
    turnover: (outs: string, share: string, one: boolean) => `On average ${outs} household${one ? '' : 's'} moved out per year, ${share} of the flats.`,
    demolition: (name: string, end: number, displaced: string, rehoused: string, share: string, left: boolean, region: boolean) =>
      `With ${name}, demolition displaced ${displaced} households by ${end} (mean per replication), and ${rehoused} (${share}) of them were rehoused ${region ? 'in the region' : "in the estate's own vacancies"}${left ? `: the others left ${region ? 'it' : 'the estate'}, so part of the change in the composition is who left, not a change in anyone's situation` : ''} (how many are rehoused is an assumption of the model: docs/ODD.md).`,
    effectStock: (end: number, vb: string, subj: string, v: string, bb: string, base: string) =>
      `By ${end} there are ${vb} ${subj} with ${v}, against ${bb} in ${base}`,
    effectLevel: (end: number, subj: string, vb: string, v: string, bb: string, base: string) =>
      `By ${end} ${subj} is ${vb} with ${v}, against ${bb} in ${base}`,
    noPaired: (core: string) => `${core}; no paired difference could be computed.`,
    oneRep: (core: string, diff: string, band: string) =>
      `${core}: a paired difference of ${diff} (single runs ${band}); with one replication there is no confidence interval.`,
    effect: (core: string, diff: string, ci: string, band: string, clear: boolean, power: string) =>
      `${core}: a paired difference of ${diff}, 95% confidence interval ${ci} (single runs ${band}), ${clear ? 'a clear effect (the interval excludes zero)' : 'not a clear effect (the interval includes zero)'}.${power}`,
    power: (n: number) => ` With this spread, about ${n} paired replications would detect a one-point effect (80% power).`,
    percentagePoints: 'percentage points',
    against: (v: string, base: string) => `${v} against ${base}`,
    across: 'Across the scenarios',
  },
  /** Chart titles, axes, legends, tooltips and captions. */
  chart: {
    yearStock: 'Year (state on 1 January)',
    yearFlow: 'Calendar year',
    scenario: 'Scenario',
    when: 'When',
    mean: 'Mean',
    p5: '5th percentile',
    p95: '95th percentile',
    initial: (y: number) => `1 January ${y} (initial state)`,
    endOf: (y: number) => `1 January ${y + 1} (end of ${y})`,
    bandNote: 'Line: mean over replications; band: 5th to 95th percentile.',
    /** A chart of one replication: no band, which one value does not have. */
    bandNoteOne: 'Line: the one replication (no band: one replication has no spread; run 10 or more, -n 10, to see one).',
    runLabel: (n: number, name: string, reps: number, row: string) =>
      `${n > 1 ? `${n} scenarios` : `scenario ${name}`}, ${reps} replication${reps === 1 ? '' : 's'}, row "${row}"`,
    runLabelEstates: (n: number, name: string, reps: number) =>
      `${n > 1 ? `${n} scenarios` : `scenario ${name}`}, ${reps} replication${reps === 1 ? '' : 's'}, each estate of the region`,
    estateLegend: 'Estate',
    meanBand: 'mean and 5-95% band',
    stateJan: 'state on 1 January',
    perScenario: 'per scenario',
    inScenario: (name: string) => `in scenario ${name}`,
    pointsNote: 'Points are the state on 1 January: the first is the initial state, the last the state after the final simulated year.',
    zoomNote: 'The axis is zoomed to the data: it does not start at zero.',
    areaTitle: 'Image, social problems and crime',
    areaCaption: "The estate's image, social problems and crime, the levels behind the negative spiral.",
    spiralTitle: 'The spiral: image against composition',
    spiralCaption:
      "The estate's image (y) against its resource-strong share (x), one point per year (mean over replications), joined in time from the first labelled year to the last. The image follows the composition with a lag, and applicants and residents respond to the image: a path that keeps falling after a shock has passed is the negative spiral at work; one that turns back is an estate recovering.",
    differenceHeading: 'Difference to the baseline',
    differenceTitle: (base: string) => `Difference to the baseline (${base})`,
    differenceSubtitle: (run: string) => `Variant minus baseline, paired on common random numbers · ${run}`,
    differenceAxis: (unit: string) => `Difference, ${unit}`,
    differenceCaption: (base: string, labels: string) =>
      `Paired difference to the baseline "${base}" (variant minus baseline, replication by replication on the same seeds) for ${labels}. Line: mean over replications; band: 5th to 95th percentile. A band that stays clear of the dashed zero line is an effect larger than the noise between replications. Shares are in percentage points (pp).`,
    flowsHeading: 'Moves per year',
    flowsTitle: 'Moves per year: in, out and within the estate',
    flowsCaption: 'Household moves per calendar year, summed over the year:',
    flowNames: { moveIns: 'Moving in', moveOuts: 'Moving out', internalMoves: 'Moving within the estate' } as Record<string, string>,
    exitsHeading: 'Why households move out',
    exitsSubtitle: (unit: string, run: string) => `${unit}, stacked by reason · ${run} · means`,
    reasonTitle: 'Reason for leaving',
    reason: 'Reason',
    year: 'Year',
    meanHouseholds: 'Mean households',
    exitsCaption: (reasons: string, none: string) =>
      `Households moving out per calendar year, stacked by the reason for leaving. Bars are means over replications, so a stack adds up to the mean number of move-outs; the spread between replications is in the moves chart. Reasons: ${reasons}${none ? ` No household moved out for: ${none}.` : ''}`,
    reasons: {
      space: 'flat too small',
      garden: 'to get a garden',
      ownership: 'to own a home',
      partnership: 'partnership formed or ended',
      dissatisfaction: 'dissatisfaction',
      safety: 'crime and safety',
      stigma: 'stigma of the list',
      job: 'job elsewhere',
      death: 'death',
      other: 'other reasons',
      demolition: 'demolition',
    } as Record<string, string>,
    stayHeading: 'Stay lengths of leaving resource-strong families',
    stayTitle: 'How long leaving resource-strong families had stayed',
    staySubtitle: (run: string) => `Resource-strong families with children moving out · ${run}`,
    stayLeftWithin: (years: number, shares: string) => `Left within ${years} years: ${shares}`,
    stayX: 'Years lived in the estate before moving out',
    stayY: 'Households per replication (mean)',
    stay: 'Stay',
    stayUpTo1: 'up to 1 year',
    stayBin: (a: number, b: number) => `${a}-${b} years`,
    householdsPerReplication: 'Households per replication',
    shareOfLeavers: 'Share of these leavers',
    stayMark: (years: number, share: string) => `${years} years, the report's mark${share ? `: ${share} left within it` : ''}`,
    stayShort: (who: string, pct: string, per: string) => `${who}${pct} of ${per} per replication`,
    stayCaption: (years: number, shorts: string, many: boolean) =>
      `Resource-strong families with children who moved out of the estate, by how long they had lived there (from the move log, all replications pooled, 1-year bins: "1-2 years" is more than 12 and at most 24 months). The dashed line marks ${years} years, the report's threshold for a short stay. Short stays: ${shorts}. Households living in the estate at the start carry the years they had already lived there; households that moved in during the run can have stayed at most the length of the run.${many ? ' Steps: one line per scenario.' : ''}`,
    moversHeading: 'In-movers, out-movers and residents by status',
    moversTitle: 'Who moves in, who moves out, who lives there',
    moversSubtitle: (run: string) => `Share resource-strong over the whole run · ${run}`,
    moversGroups: ['Moving in (households)', 'Moving out (households)', 'Residents 22-59 (persons)'],
    moversY: 'Share resource-strong',
    group: 'Group',
    moversCaption:
      "Share of resource-strong among households moving in and moving out over the whole run, next to the share of residents aged 22-59 living in a resource-strong household (mean of the year-end values). Movers are households and residents are persons, so the third bar is the estate's level for reference, not the same measure. When more of those moving out than of those moving in are resource-strong, the estate lifts people into work or education and then loses them: the elevator effect. Out-movers include households dissolved by a death. Bars: mean over replications; whiskers: 5th to 95th percentile.",
    channelHeading: 'Who each letting channel brings',
    channelTitle: 'Resource-strong in-movers by letting channel',
    channelSubtitle: (run: string) => `Share resource-strong among the households each channel housed, over the whole run · ${run}`,
    channelNames: ['Municipal allocation', 'Flexible letting', 'Waiting list'],
    channel: 'Channel',
    channelLettings: 'Lettings per replication',
    /** The count written above a bar of the channel chart: its lettings per replication (formatted). */
    channelCount: (n: string) => `n = ${n}`,
    channelCaption:
      'Share of resource-strong households among those moving in through each letting channel over the whole run: municipal allocation (households the municipality houses, mostly in acute need), flexible letting (work or education criteria, where the estate uses it) and the external waiting list (other estates of the region included). A channel that let no flat is left out. Internal moves and households formed in the estate are not in-movers and are not shown. The data: inResourceStrongMunicipal / lettingsMunicipal and so on in metrics.csv. Bars: mean over the replications that let through the channel; whiskers: 5th to 95th percentile. Above each bar, n is the mean number of lettings per replication through the channel, the number the share rests on: a share of a few lettings can be far from the share a longer run would give.',
    criteriaHeading: 'The official list criteria',
    criteriaTitle: 'The four official list criteria against their thresholds',
    listRule: 'list',
    preventionRule: 'prevention',
    listAndPrevention: 'list and prevention',
    moreThan: 'more than',
    atLeast: 'at least',
    below: 'below',
    criteriaCaption: (withPrevention: boolean, min: number, items: string) =>
      `The four criteria of the official list (almenboligloven § 61 a) for this estate, against the law's thresholds (red dashed lines; ${withPrevention ? 'the dotted line is the lower threshold for a prevention area, § 61 b' : '2018 rules: no prevention areas'}). An area with at least 1,000 residents is listed when it meets at least ${min} of the 4 criteria. ${items} The official classification averages criteria 1 and 2 over two years; the lines show the year-end values. Line: mean over replications; band: 5th to 95th percentile.`,
    threshold: 'Threshold',
    listPerEstate:
      "In a region each estate is a line of its own: the law classifies estate by estate, and the region's sum row, whose criteria pool its estates, is no area it classifies.",
    listRegionRow:
      "This region has too many estates to draw one by one: the lines are the region's sum row, whose criteria pool its estates (no area the law classifies) and whose status is its most severely listed estate's.",
    statusHeading: 'Official list status',
    statusTitle: 'Chance of being on each list',
    statusSubtitle: (run: string) => `Share of replications on the list on 1 January · ${run}`,
    statusY: 'Share of replications',
    statusLegend: 'List',
    statusNames: {
      none: 'no list',
      prevention: 'prevention area',
      udsat: 'udsat boligområde',
      ghetto: 'parallelsamfund',
      hard: 'omdannelsesområde',
    } as Record<string, string>,
    replications: 'Replications',
    share: 'Share',
    statusCaption:
      'The chance of the estate being on each of the official lists on 1 January of each year: the share of replications in which it is on that list (the classification is made every December; the first point is the initial classification). A line at 0% means no replication put the estate on that list. Lists from least to most severe: prevention area (forebyggelsesområde); udsat boligområde (disadvantaged area); parallelsamfund (formerly ghetto area); omdannelsesområde (formerly hard ghetto area). An estate on a more severe list also meets the conditions of the less severe ones, but is counted on the most severe only.',
    /** First sentence of the status caption when no replication put the estate on any list in any year. */
    statusNever: 'In this run the estate was on no list in any replication or year, so every line lies at 0%.',
    /** First sentence of the stay-length caption when no resource-strong family with children moved out. */
    stayNone: 'No resource-strong family with children moved out in this run, so there are no stays to count.',
    mapHeading: 'The estate map',
    mapTitle: 'The estate on 1 January ',
    mapSubtitle: (who: string) => `Flats coloured by who lives there · replication 0 of ${who}`,
    mapEachScenario: 'each scenario',
    mapScenario: (name: string) => `scenario ${name}`,
    mapReplication: (name: string) => `${name} (replication 0)`,
    mapSlider: 'Year (1 January) ',
    mapLegend: 'Household in the flat',
    mapShape: 'Shape',
    household: 'Household',
    column: 'Column',
    row: 'Row',
    mapTypes: { vacant: 'vacant', strong: 'resource-strong', other: 'other' } as Record<'vacant' | 'strong' | 'other', string>,
    mapShapes: { family: 'family with children', single: 'no children' } as Record<'family' | 'single', string>,
    mapCaption: (first: number, last: number) =>
      `Every flat of the estate on its ground-plan position (sections side by side, buildings as rows of stairwells, floors stacked), coloured by the household living there on 1 January of the chosen year: resource-strong (an adult in work or education), other, or vacant (white with a grey outline); families with children are squares, other households circles. A flat not there in the year shown leaves a gap: demolished, merged into a larger one or not yet built. A region's estates are stacked, each under its name. One map per scenario, from its first replication only (replication 0, the same seed in every scenario): it shows one possible history, not an average. In the HTML report a year slider (${first}-${last}) shows the estate change; the image files show ${last}.`,
  },
  /** The report of a Schelling scenario (report/schelling.ts and its sections in report/sections.ts). */
  schelling: {
    subtitle: (reps: number, steps: number, seed: number, version: string) =>
      `Schelling's segregation model · ${reps} replications × ${steps} steps, base seed ${seed}, nabolag ${version}`,
    whatHeading: 'What was run',
    runWhat: (n: number, reps: number, steps: number, seed: number, version: string) =>
      `${n > 1 ? `${n} scenarios, each` : '1 scenario'} with ${reps} replication${reps === 1 ? '' : 's'} of ${steps} steps, base seed ${seed}. In each step every household, in a new random order, moves to a random empty cell if it has fewer neighbours of its own group than it wants. Made with nabolag ${version}.`,
    columns: ['Scenario', 'Grid', 'Households', 'Groups', 'Neighbourhood', 'Each household'],
    grid: (width: number, height: number, wraps: boolean) => `${width} × ${height}${wraps ? ', wraps around' : ''}`,
    /** Households and the share of cells they fill, in whole per cent. */
    households: (n: number, pct: number) => `${n} (${pct}% of cells)`,
    radius: (r: number) => `radius ${r}`,
    /** A household's rule in the table: a share (whole per cent) or a number of alike neighbours. */
    wantsShare: (pct: number) => `wants at least ${pct}% of its neighbours alike`,
    wantsCount: (n: number) => `wants at least ${n} alike neighbours`,
    findingsIntro: 'Generated from the numbers: means over replications.',
    noTrace: (name: string) => `${name}: no Schelling trace.`,
    /** The households' rule in a finding. */
    wantShare: (pct: number) => `at least ${pct}% of their neighbours alike`,
    wantCount: (n: number) => `at least ${n} alike neighbours`,
    /** One scenario's finding: shares in whole per cent, at step 0 and after `steps` steps (5-95% band of the last). */
    finding: (name: string, want: string, simStart: number, simEnd: number, steps: number, simLow: number, simHigh: number, unhStart: number, unhEnd: number) =>
      `${name}: households wanting ${want} went from ${simStart}% similar neighbours at the start to ${simEnd}% after ${steps} steps (5-95%: ${simLow}%-${simHigh}%); unhappy households from ${unhStart}% to ${unhEnd}%.`,
    settled: (step: number) => `Every replication had settled (no unhappy household left) by step ${step}.`,
    notSettled: (steps: number) => `Not every replication settled within ${steps} steps: households kept moving.`,
    similar: 'Similar neighbours',
    unhappy: 'Unhappy households',
    sharesHeading: 'Similar neighbours and unhappy households',
    sharesTitle: 'Similar neighbours and unhappy households by step',
    replications: (n: number) => `${n} replications`,
    step: 'Step',
    stepAxis: 'Step (one sweep over all households; one month)',
    share: 'Share',
    sharesCaption:
      'Left: the share of neighbours who belong to the same group, over all households (NetLogo\'s "% similar"). Right: the share of households who have fewer alike neighbours than they want and so move at the next step ("% unhappy"). Step 0 is the random start. Line: mean over replications; band: 5th to 95th percentile.',
    gridHeading: 'The grid by step',
    /** The grid chart's title before the step (inside a Vega expression string: no apostrophe). */
    gridTitle: 'The grid at step ',
    gridSubtitle: 'Replication 0 · move the slider to change the step',
    slider: 'Step ',
    empty: 'empty',
    group: (g: number) => `group ${g}`,
    household: 'Household',
    gridCaption: (emptyColor: string, first: number, last: number, every: number) =>
      `The grid of the first replication (replication 0), one square per household coloured by its group (colour-blind-safe colours), empty cells blank (${emptyColor} in the studio). Move the step slider (${first}-${last}${every > 1 ? `, every ${every} steps` : ''}) to watch the households sort themselves; the static image shows step ${last}.`,
  },
};

export type Texts = typeof en;

const da: Texts = {
  lang: 'da',
  decimal: ',',
  comparisonTitle: (base, variants) => `nabolag sammenligning: ${base} mod ${variants.join(', ')}`,
  runTitle: (name) => `nabolag rapport: ${name}`,
  subtitle: (reps, years, start, last, seed, version) =>
    `${reps} gentagelse${reps === 1 ? '' : 'r'} × ${years} år (${start}-${last}), basisfrø ${seed}, nabolag ${version}`,
  range: (a, b) => `${a} til ${b}`,
  contents: 'Indhold',
  files: 'Filer',
  answer: 'Svaret kort',
  verdict: { helps: 'hjælper sandsynligvis', harms: 'skader sandsynligvis', unclear: 'ingen klar effekt', noInterval: 'én gentagelse: intet interval' },
  verdictParameter: {
    helps: 'hæver sandsynligvis andelen',
    harms: 'sænker sandsynligvis andelen',
    unclear: 'ingen klar effekt',
    noInterval: 'én gentagelse: intet interval',
  },
  sameModel: 'samme model som grundscenariet: ingen effekt er mulig',
  noChange:
    'præcis grundscenariets resultater i alle gentagelser: dens tiltag ændrede intet her (f.eks. et tiltag, afdelingen allerede har, som fleksibel udlejning, hvor listen gør den obligatorisk)',
  sameMunicipalShare: (share) =>
    `præcis grundscenariets resultater: dens andel til kommunal anvisning (${share}) er grundscenariets egen (letting.municipalShare ${share}, lovens hver 4. ledige bolig som standard), så tiltaget ændrer intet: giv en lavere andel for at sætte et loft`,
  leversAfterRun: (last) =>
    `præcis grundscenariets resultater: dens tiltag begynder først efter kørslens sidste år (${last}), så de virker aldrig i denne kørsel`,
  mixedVariant: ' (den ændrer også modellens parametre: bilaget nævner dem)',
  turnoverWarning: (items) =>
    `Husstandene flyttede ud i et tempo, som ingen del af den danske almene boligsektor har: ${items} om året (LBF 2019: 10,4 % i familieboliger, 39,9 % i ungdomsboliger; husstande, som en nedrivning fordriver, er ikke talt med). Tjek scenariets flytterater: resultaterne beskriver en afdeling, der ikke findes.`,
  turnoverItem: (scenario, row, pct) => `"${scenario}" (${row}) ${pct}`,
  turnoverHigh: (items, factor) =>
    `Husstandene flyttede ud i mere end ${factor} gange det tempo, danske familieboliger har: ${items} om året (LBF 2019: 10,4 % i familieboliger; mønster P3 godtager op til 14 %). "Hvorfor husstande flytter" viser, hvilke grunde der driver det; et omdømme langt under regionens med en stærk spiral eller hævede flytterater er de sædvanlige årsager. Effekterne gælder for sådan en afdeling, ikke for en typisk.`,
  verdictParameterRule:
    '"Hæver sandsynligvis andelen" eller "sænker sandsynligvis andelen": en variant med grundscenariets tiltag og andre værdier af modellens parametre; dens effekt siger, hvad modellen gør, ikke hvad et tiltag ville gøre.',
  headline: (variant, diff, end, ci, verdict) => `${variant}: ${diff} point ressourcestærke pr. 1. januar ${end}, 95 %-KI ${ci} — ${verdict}`,
  headlineNoCi: (variant, diff, end, verdict) => `${variant}: ${diff} point ressourcestærke pr. 1. januar ${end} — ${verdict}`,
  headlineRegionRow: ' (regionen: dens afdelinger samlet)',
  headlineTargeted: (estate, diff, ci) => `; i ${estate}, den afdeling tiltagene virker på, ${diff} point, 95 %-KI ${ci}`,
  headlineDisplaced: (displaced, rehoused, left, region) =>
    `; ${displaced} husstande måtte flytte på grund af nedrivningen${left ? `, hvoraf ${rehoused} blev genhuset i ${region ? 'regionen' : 'afdelingen'} og resten flyttede væk: en del af ændringen er, hvem der flyttede` : `, alle genhuset i ${region ? 'regionen' : 'afdelingen'}`}`,
  headlineIntro: (base, end) =>
    `Hver variant mod grundscenariet "${base}": ændringen i andelen af 22-59-årige, der er ressourcestærke (i arbejde eller uddannelse eller bor med en, der er), i ${end}, i procentpoint, med 95 %-konfidensinterval. Bedste først.`,
  verdictRule:
    '"Hjælper sandsynligvis" eller "skader sandsynligvis": intervallet ligger helt over eller under nul. "Ingen klar effekt": det omfatter nul, så disse gentagelser kan ikke skelne effekten fra ingen effekt.',
  ranking: 'Rangorden',
  rank: 'Nr.',
  variant: 'Variant',
  verdictColumn: 'Vurdering (andel ressourcestærke)',
  rankingCaption: (end) =>
    `Varianterne ordnet efter effekten på andelen ressourcestærke pr. 1. januar ${end}: gennemsnitlig parvis forskel, 95 %-KI i parentes.`,
  overlap: (a, b) => `Intervallerne for ${a} og ${b} overlapper: deres rækkefølge er ikke sikker.`,
  forestHeading: 'Effekter med konfidensintervaller',
  forestTitle: (base) => `Hver variants effekt mod ${base}`,
  forestSubtitle: (end) => `Gennemsnitlig parvis forskel i ${end} med 95 %-konfidensinterval; linjen ved 0 er ingen effekt`,
  forestAxisPoints: 'Forskel, procentpoint',
  forestAxis: (unit) => `Forskel, ${unit}`,
  forestCaption: (base, end) =>
    `Skovdiagram: for hver variant og hvert udfald er prikken den gennemsnitlige parvise forskel til "${base}" i ${end} og stregen dens 95 %-konfidensinterval. En streg, der ikke krydser nullinjen, er en klar effekt.`,
  ciLow: 'KI fra',
  ciHigh: 'KI til',
  difference: 'Forskel',
  outcome: 'Udfald',
  driftWarning: 'Advarsel: grundscenariet flytter sig',
  driftMore: (n, rows) => `Og ${n} til, i ${rows} ${rows === 1 ? 'række' : 'rækker'} (summary.json's "drifts").`,
  driftWarningLevers:
    'Advarsel: afdelingen flytter sig med scenariets tiltag (en del af det eller det hele kan skyldes dem: sammenlign med scenariet uden dem for at skelne)',
  drift: (label, from, to, start, end, limit, peak) =>
    peak
      ? `${label}: ${from} i ${start}, ${peak.value} ved udgangen af ${peak.year} (mere end ${limit} fra starten), ${to} i ${end}.`
      : `${label}: ${from} i ${start}, ${to} i ${end} (mere end ${limit} fra starten).`,
  driftAdvice:
    'Afdelingen ændrer sig uden tiltag: læs effekterne som forskelle fra dette grundscenarie i bevægelse, ikke fra afdelingen i dag. Uden tiltag er en ændring, der er væk ved slutningen, modellens start, der falder på plads (docs/ODD.md, Known limitations).',
  driftAdviceLevers:
    'Scenariet har tiltag, så dette er ikke et grundscenarie: ændringen kan skyldes tiltagene, modellens egen drift eller begge. En sammenligning med samme scenarie uden tiltag (nabolag compare) skelner dem.',
  driftBeyond: (years) =>
    `Forankringen holder en afdeling i ${years} år; derefter holder modellen den ikke, men den flytter sig kun lidt (over 50 år børnefamilier inden for 4 % og pensionister inden for 13 % i testene: docs/ODD.md, "Anchoring").`,
  steady: (label, from, to, start, end, levers = false) =>
    `${levers ? 'Afdelingen ligger stille med scenariets tiltag' : 'Grundscenariet ligger stille'}: ${label.toLowerCase()} ${from} i ${start}, ${to} i ${end}; i intet år en drift ud over grænserne, som gentagelserne kan skelne fra deres egen støj.`,
  unclear: (items, n, levers = false) =>
    n === 1
      ? `${levers ? 'Det er ikke vist, at afdelingen med scenariets tiltag holder' : 'Det er ikke vist, at grundscenariet holder'}: i sin ene gentagelse ${items}, ud over grænserne i et eller flere år; én gentagelse kan ikke skelne en drift fra kørslens tilfældigheder (den har intet interval); kør 10 eller flere (-n 10) for at se det.`
      : `${levers ? 'Det er ikke vist, at afdelingen med scenariets tiltag holder' : 'Det er ikke vist, at grundscenariet holder'}: i gennemsnit ${items}, ud over grænserne i et eller flere år, men ikke klart over støjen i ${n} ${n === 1 ? 'gentagelse' : 'gentagelser'}; ${n < 10 ? 'kør 10 eller flere (-n 10)' : `kør flere (f.eks. -n ${2 * n})`} for at skelne en drift fra tilfældigheder.`,
  unclearItem: (label, from, to, peak) => `${label} ${from} → ${to}${peak ? ` (${peak.value} ved udgangen af ${peak.year})` : ''}`,
  steadyFew: (n, levers = false) =>
    n === 1
      ? `Dette er én gentagelses forløb, uden interval: tilfældigheder kan skjule en drift i det; kør 10 eller flere (-n 10) for at se, om ${levers ? 'afdelingen' : 'grundscenariet'} holder.`
      : `Med ${n} ${n === 1 ? 'gentagelse' : 'gentagelser'} ville kun en drift langt over sin grænse vise sig her; kør 10 eller flere (-n 10) for at se, om ${levers ? 'afdelingen' : 'grundscenariet'} holder.`,
  trajectoryIntro: (name, end, n = 2) =>
    n === 1
      ? `Scenariet "${name}": beboersammensætningen den 1. januar det første år og i ${end}, i sin ene gentagelse (intet spænd over gentagelser: kør 10 eller flere, -n 10, for at se, hvor meget kørsler varierer).`
      : `Scenariet "${name}": beboersammensætningen den 1. januar det første år og i ${end} (gennemsnit, 5-95 %-spænd over gentagelser i parentes).`,
  trajectoryLine: (label, from, to, start, end) => `${label}: ${from} i ${start} → ${to} i ${end}`,
  isNotHeading: 'Hvad dette er, og hvad det ikke er',
  isNot: [
    'En stiliseret boligafdeling: husstande, boliger og regler er en forenklet model af en almen boligafdeling, ikke en bestemt afdeling.',
    'Hvert tiltags størrelse (hvor meget det ændrer udlejning, fraflytning eller omdømme) er en antagelse, sat i scenariefilerne; effekterne er ikke bedre end de antagelser.',
    'Ikke en prognose: den sammenligner hvad-nu-hvis på den samme simulerede afdeling; den forudsiger ikke, hvad der vil ske.',
    'Båndene viser, hvor meget enkelte kørsler varierer (5.-95. percentil over gentagelser); 95 %-konfidensintervallet viser, hvor sikker den gennemsnitlige effekt er, og bliver smallere med flere gentagelser.',
  ],
  termsHeading: 'Danske begreber',
  terms: [
    ['ressourcestærk', 'i arbejde eller uddannelse, eller bor med en, der er (22-59 år)'],
    ['udsat boligområde', 'et område med mindst 1.000 beboere, der opfylder mindst to af de fire kriterier på listen'],
    [
      'forebyggelsesområde',
      'et område med mindst 1.000 beboere, hvoraf over 30 % har ikke-vestlig baggrund, der opfylder mindst to af de fire kriterier ved lavere grænser (30 % uden for arbejde eller uddannelse, dobbelt så mange dømte som på landsplan, 60 % med kun grundskole, indkomst under 65 % af regionens); fleksibel udlejning er obligatorisk (reglerne fra 2021)',
    ],
    ['parallelsamfund', 'tidligere "ghetto": et udsat boligområde, hvor over halvdelen af beboerne har ikke-vestlig baggrund'],
    [
      'omdannelsesområde',
      'tidligere "hårdt ghettoområde": et parallelsamfund i hvert af de seneste fem år (reglerne fra 2021; efter reglerne fra 2018 et ghettoområde fire år i træk); skal nedbringe andelen af almene familieboliger til 40 %',
    ],
    ['fleksibel udlejning', 'ledige boliger udlejes først til ansøgere i arbejde eller uddannelse'],
    ['kommunal anvisning', 'kommunen anviser husstande med boligbehov til ledige boliger'],
    ['forlængelse', 'et tiltag, der holder på ressourcestærke familier længere (færre af dem flytter)'],
  ],
  appendix: 'Bilag: hvad der blev kørt',
  findings: 'Resultater',
  findingsIntro: 'Skrevet ud fra tallene: gennemsnit over gentagelser, 5-95 %-spændet i parentes.',
  effects: 'Effekter ved tidshorisonten',
  patterns: 'Mønstre',
  patternColumns: ['Mønster', 'Mål', 'Værdi (5-95 %-bootstrapbånd)', 'Inden for målet', 'Detaljer'],
  patternsIntro: (baseline) =>
    `De mønstre, modellen skal kunne genskabe, hvert beregnet ud fra ${baseline === undefined ? 'denne kørsels resultater' : `resultaterne for grundscenariet "${baseline}" (ikke for varianterne)`} og holdt op mod sit mål. Værdien er den, der holdes op mod målet (et gennemsnit over gentagelser eller en andel af dem alle samlet); i parentes 5-95 %-båndet for værdien over bootstrap-genudtræk af gentagelserne (intet bånd ved én gentagelse).`,
  patternsNotChecked: (ids) => {
    const what = {
      P5: 'P5: afdelingen med og uden omdømmearbejde',
      P6: 'P6: med og uden et boligsocialt program, der løfter beboere i arbejde eller uddannelse',
    };
    const many = ids.length > 1;
    return `${many ? 'Mønstrene' : 'Mønsteret'} ${ids.join(' og ')} tjekkes ikke i denne rapport: ${many ? 'hvert kræver sit eget parvise' : 'det kræver et parvist'} forsøg, to scenarier kørt på de samme frø (${ids.map((id) => what[id]).join('; ')}). <code>nabolag calibrate --presets --only average</code> kører ${many ? 'disse forsøg' : 'dette forsøg'} på den gennemsnitlige afdeling (scenarios/presets/average.yaml) og tjekker ${many ? 'dem' : 'det'}.`;
  },
  patternPoints: 'procentpoint',
  patternUnits: { 'share per year': 'om året', 'relative change': 'relativ ændring', years: 'år' },
  groups: { composition: 'Beboersammensætning', flows: 'Flytninger og boperiode', image: 'Omdømme og listens kriterier' },
  effectColumns: ['Variant', 'Udfald', 'Enhed', 'Grundscenarie', 'Variantens værdi', 'Forskel', '95 %-KI', 'Klar', 'Enkelte kørsler 5-95 %'],
  yes: 'ja',
  no: 'nej',
  na: DA_NOT_AVAILABLE,
  pp: 'pp',
  effectsIntro: (base, end) =>
    `Hver variant mod grundscenariet "${base}" i ${end} (bestande og andele ved udgangen af ${end - 1}, strømme summeret over ${end - 1}; effects.csv har dem under år ${end - 1}). Forskellen er parvis: beregnet gentagelse for gentagelse på de samme frø og derefter gennemsnittet. "95 %-KI" er konfidensintervallet for gennemsnittet (t-baseret): det bliver smallere med flere gentagelser, og "klar" betyder, at det udelukker nul. "Enkelte kørsler 5-95 %" er, hvor meget forskellen varierer fra gentagelse til gentagelse: det bliver ikke smallere med flere gentagelser. pp = procentpoint. Hold musen over et udfald for dets navn i datafilerne; alle mål står i <a href="effects.csv">effects.csv</a>.`,
  runColumns: ['Scenarie', 'Rolle', 'Beskrivelse', 'Tiltag'],
  setOptions: (opts, compared) =>
    `Ændret på kommandolinjen (--set), som om scenariefil${compared ? 'erne sagde det, i hvert scenarie, der har feltet' : 'en sagde det'}: ${opts}.`,
  changedColumn: 'Andre ændringer fra grundscenariet',
  runAsWritten:
    'Beskrivelserne, tiltagene og felterne står, som scenariefilerne skriver dem: nabolags egne eksempler (scenarios/) og de filer, <code>nabolag new</code> skriver, har beskrivelser på engelsk, og tiltag og felter har deres navne fra filerne (fx <code>divideEstate</code>, <code>physicallySeparate</code>). Hvad hvert tiltag og felt betyder, står i docs/parameters.md og docs/ODD.md, afsnit 7.2, på engelsk.',
  changed: (path, value, base) => `${path} ${value} (grundscenarie ${base})`,
  changedMore: (n) => `og ${n} mere (manifest.json)`,
  baseline: 'grundscenarie',
  variantRole: 'variant',
  runRole: 'kørsel',
  none: 'ingen',
  leverWhen: (lever, when, estate, name) =>
    `${lever} fra ${when}${estate !== undefined ? ` (estates[${estate}]${name !== undefined ? `, "${name}"` : ''})` : ''}`,
  leverBool: (v) => (v ? 'ja' : 'nej'),
  leverNeverActed: ' (den tog aldrig en ledig bolig: listen gjorde fleksibel udlejning obligatorisk, så længe den var i kraft)',
  leverMade: (made, asked) => ` (lavede ${made} af de ${asked} ønskede, gennemsnit over gentagelser: for få små naboboliger, eller kørslen sluttede først)`,
  allInManifest: 'alle i manifest.json',
  runWhat: (n, reps, years, start, last, seed, seeds, paired, version) =>
    `${n > 1 ? `${n} scenarier, hvert` : '1 scenarie'} med ${reps} gentagelse${reps === 1 ? '' : 'r'} af ${years} år (${start}-${last}), basisfrø ${seed}; gentagelse <i>i</i> bruger et frø afledt af basisfrøet og <i>i</i>: ${seeds}.${
      paired ? ' Alle scenarier kørte på de samme frø (fælles tilfældige tal), så forskellene er parvise, gentagelse for gentagelse.' : ''
    } Lavet med nabolag ${version}.`,
  anchored: (a) =>
    `Forankring (docs/ODD.md, "Anchoring"): afdeling "${a.estate}" holdes som givet af løste værdier (hvilke ansøgere og beboere grundforløbet kræver for at blive, hvor det starter, ikke målt): tiltrækning ${a.attractiveness} (log-odds for ressourcestærke ansøgere mod regionens${a.atLimit ? ', ved sin grænse' : ''}), beboernes tilknytning til arbejdsmarkedet ${a.attachment} (×, på deres rater ind i arbejde og uddannelse; 1 = som elevatorens rater siger), familieandel blandt de ansøgere, der ikke er ressourcestærke, ${a.familyShare} (blandt dem, der er, ${a.strongFamilyShare}), seniorer ${a.seniorShare}; ved starten er begge voksne i arbejde eller uddannelse i ${a.couplesBoth} af de ressourcestærke par under 60 (af de øvrige er det den første voksne i ${a.couplesFirst}), og studerende er ${a.studentsYoung} af de aktive voksne under 27 i ressourcestærke husstande og ${a.studentsOlder} af dem på 27-59 år. Ved første gæt drev den ressourcestærke andel ${a.driftBefore} point på ${a.years} år, med de løste værdier ${a.driftAfter}${a.converged ? '' : ' (søgningen stoppede, før hver drift var holdt)'}, efter ${a.trials} forsøg i søgningen${a.together.length > 0 ? `, hvert forsøg med regionens øvrige afdelinger (${a.together.join(', ')}) ved siden af, så de husstande, der flytter mellem dem, er med i det grundforløb, den holder` : ''}; manifest.json siger, hvor lang tid det tog, og om denne kørsel løste den eller læste den fra de forankringer, nabolag leveres med, eller fra lageret.`,
  runHow: (start, end, years, row, region) =>
    `Tal er gennemsnit over gentagelser med 5.-95. percentil i parentes. Diagrammerne viser tilstanden den 1. januar hvert år (${start} er starttilstanden, ${end} tilstanden efter ${years} ${years === 1 ? 'simuleret' : 'simulerede'} år) og strømme summeret over hvert kalenderår. De læser rækken "${row}"${region ? ' (alle afdelinger samlet)' : ''}.`,
  chartFiles: 'Filer',
  links: {
    'metrics.csv': 'metrics.csv — alle mål pr. gentagelse, måned og afdeling',
    'moves.csv': 'moves.csv — én række pr. flytning',
    'effects.csv': 'effects.csv — parvise effekter ved tidshorisonten, alle mål',
    'summary.json': 'summary.json — gennemsnit og 5-95 %-bånd pr. mål og år',
    'manifest.json': 'manifest.json — version, scenarierne som opløst, frø (nok til at gentage kørslen)',
  },

  findingsText: {
    trend: (subj, dir, _plural, a, b, start, end, small) => {
      if (dir === 'same') return `${subj} ligger på omkring ${a} den 1. januar ${start} og ${b} i ${end}.`;
      return `${subj} ${dir === 'up' ? 'stiger' : 'falder'} fra ${a} den 1. januar ${start} til ${b} i ${end}${small ? ', en ændring inden for spredningen mellem gentagelser' : ''}.`;
    },
    onNoList: 'ikke på nogen liste',
    listedAs: (label) => `på listen som ${label}`,
    statusIn: (parts, n) => `${parts} af ${n} gentagelser`,
    statusList: (parts) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} og ${parts[parts.length - 1]}`),
    statusSpread: (n, margin) =>
      ` (gentagelserne er uenige: med ${n} af dem kendes en andel af gentagelserne kun til omkring ±${margin} point, 95 %, så kør flere, før et scenaries status sammenlignes med et andets)`,
    statusIn1: (label, c) => `${label} i ${c}`,
    onNoListAll: (n) => (n === 1 ? 'ikke på nogen liste i sin ene gentagelse' : `ikke på nogen liste i nogen af de ${n} gentagelser`),
    listedAll: (label, n) => `på listen som ${label} i alle ${n} gentagelser`,
    statusGloss: {
      none: 'ikke på listen',
      prevention: 'forebyggelsesområde',
      udsat: 'udsat boligområde',
      ghetto: 'parallelsamfund, tidligere ghettoområde',
      hard: 'omdannelsesområde, før 2021 hårdt ghettoområde',
    },
    statusOf: (items) => items.map((i) => `${i.name ?? 'afdelingen'} er ${i.text}`).join('; '),
    estatesListed: (k, estates, n) =>
      k === 0
        ? `ingen af regionens ${estates} afdelinger er på en liste i nogen af ${n} gentagelser`
        : `${k} af regionens ${estates} afdelinger er på en liste i mindst én af ${n} gentagelser`,
    estateIs: (end, clause) => `Listestatus i ${end}: ${clause}.`,
    estateIsEvery: (end, clause) => `Listestatus i ${end}, i alle scenarier: ${clause}.`,
    estateIsWith: (end, clause, v, baseClause, base) => `Listestatus i ${end} med ${v}: ${clause}; i ${base}: ${baseClause}.`,
    criterion: (label, shown, threshold, met) => `${label} ${shown} (kriterium: ${threshold}) — ${met ? 'opfyldt' : 'ikke opfyldt'}`,
    tooSmall: (residents, min) =>
      `Med ${residents} beboere (gennemsnit ved tidshorisonten) er den under de ${min.toLocaleString('da')} beboere, et område skal have for overhovedet at komme på en liste (almenboligloven § 61 a; classification.minResidents): i et år med færre kommer den ikke på listen, uanset kriterierne, og kun en gentagelse, der er vokset forbi grænsen, kan komme det.`,
    criteria: (end, k, min, parts, base) =>
      `I ${end} opfylder gennemsnitsværdierne${base ? ` i ${base}` : ''} ${k} af listens fire kriterier (et område med mindst 1.000 beboere kommer på listen, når det opfylder mindst ${min}): ${parts}.`,
    criteriaEach: (end, min, parts, base) =>
      `I ${end} opfylder hver afdelings gennemsnitsværdier${base ? ` i ${base}` : ''} så mange af listens fire kriterier (et område med mindst 1.000 beboere kommer på listen, når det opfylder mindst ${min}; regionen klassificeres afdeling for afdeling): ${parts}.`,
    criteriaOf: (name, k, met, small) =>
      `${name} ${k}${k ? ` (${met})` : ''}${small ? ', men i gennemsnit med under 1.000 beboere, for få til at komme på listen' : ''}`,
    criteriaCount: (end, k, estates, min, base) =>
      `I ${end} opfylder gennemsnitsværdierne${base ? ` i ${base}` : ''} i ${k} af regionens ${estates} afdelinger mindst ${min} af listens fire kriterier (et område med mindst 1.000 beboere kommer på listen, når det gør det; regionen klassificeres afdeling for afdeling).`,
    preventionNote:
      'Efter reglerne fra 2021 er et område, hvor over 30 % af beboerne har ikke-vestlig baggrund, et forebyggelsesområde (§ 61 b), når det opfylder 2 af de samme fire kriterier ved lavere grænser: over 30 % uden for arbejde eller uddannelse, mindst dobbelt så mange dømte som på landsplan, over 60 % med kun grundskole, indkomst under 65 % af regionens.',
    outsideNote:
      'Modellens andel uden for arbejde eller uddannelse tæller alle voksne på 18-64 år, der hverken arbejder eller studerer, også dem på dagpenge eller sygedagpenge og på førtidspension, som lovens opgørelse delvis udelader: den ligger højere end i en virkelig afdeling (ringparken-like omkring 67 %, den virkelige Ringparken 41 % i 2019), så kriterium 1 opfyldes lettere end i virkeligheden (docs/ODD.md 7.4).',
    noMoves: (who) => `Ingen husstande flyttede ind og ud${who}, så elevatoreffekten kan ikke aflæses af denne kørsel.`,
    inName: (name) => ` i ${name}`,
    elevatorClear:
      'Flere af dem, der flytter ud, end af dem, der flytter ind, er ressourcestærke: afdelingen løfter husstande i arbejde eller uddannelse og mister dem så (elevatoreffekten).',
    elevatorSlight: 'Lidt flere af dem, der flytter ud, er ressourcestærke, inden for spredningen mellem gentagelser.',
    elevatorNone: 'Tallene viser ingen elevatoreffekt.',
    fewStrongInMovers:
      'Så få af dem, der flytter ind, er ressourcestærke, at afdelingen holder sin andel ved, at dens egne beboere kommer i arbejde eller uddannelse (elevatoren); tiltag, der virker gennem, hvem der flytter ind (fleksibel udlejning, imagearbejde, grænser for anvisning), har lidt at arbejde med her.',
    anchorLowLimit: (estate, attractiveness, attachment, ins, slowed) =>
      `Forankringen kunne kun holde ${estate}, hvor den starter, ved grænsen for dens tiltrækning (${attractiveness}; beboernes tilknytning til arbejdsmarkedet ${attachment}): grundforløbet kræver næsten ingen ressourcestærke ansøgere${ins ? ` (${ins} af de indflyttende husstande var ressourcestærke)` : ''}, fordi beboernes egen vej ind i arbejde selv uden dem ville løfte afdelingen over sin start${slowed ? `; derfor bremsede søgningen også den vej ind i arbejde, til ${attachment} gange elevatorens rater` : ''}. Tiltag, der virker gennem, hvem der flytter ind (fleksibel udlejning, imagearbejde, grænser for anvisning), har her få ressourcestærke ansøgere at bringe, så deres virkninger siger lige så meget om denne grænse i modellen som om afdelingen (docs/ODD.md, "Anchoring").`,
    anchorHighLimit: (estate, attractiveness, attachment) =>
      `Forankringen kunne kun holde ${estate}, hvor den starter, ved grænsen for dens tiltrækning (${attractiveness}), med beboere, der kommer i arbejde og uddannelse ${attachment} gange så ofte, som elevatorens rater siger: læs dens virkninger med denne grænse i modellen for øje (docs/ODD.md, "Anchoring").`,
    elevator: (who, ins, outs, verdict) =>
      `Over kørslen${who} var ${ins} af de indflyttende husstande ressourcestærke, mod ${outs} af de fraflyttende. ${verdict}`,
    noLeavers: (who, years) => `Ingen ressourcestærk børnefamilie flyttede ud${who} i løbet af ${years === 1 ? 'det ene år' : `de ${years} år`}.`,
    stay: (who, leavers, years, share, mark) =>
      `Af de ressourcestærke børnefamilier, der flyttede ud${who} (${leavers} pr. gentagelse over ${years} år), havde ${share} boet i afdelingen ${mark} år eller mindre — rapportens grænse (den fandt næsten halvdelen i 2015).`,
    staysPart: (name, share, leavers) => `${name} ${share} af ${leavers} fraflyttere pr. gentagelse`,
    staysNone: (name) => `${name} ingen flyttede ud`,
    stays: (years, mark, parts) =>
      `Af de ressourcestærke børnefamilier, der flyttede ud i løbet af ${years === 1 ? 'det ene år' : `de ${years} år`}, andelen, der havde boet i afdelingen ${mark} år eller mindre (rapportens grænse; den fandt næsten halvdelen i 2015): ${parts}.`,
    turnover: (outs, share, one) => `I gennemsnit flyttede ${outs} ${one ? 'husstand' : 'husstande'} ud om året, ${share} af boligerne.`,
    demolition: (name, end, displaced, rehoused, share, left, region) =>
      `I ${name} måtte ${displaced} husstande flytte på grund af nedrivning frem til ${end} (gennemsnit pr. gentagelse), og ${rehoused} (${share}) af dem ${region ? 'fik en ny bolig i regionen' : 'blev genhuset i afdelingens egne ledige boliger'}${left ? `: de andre forlod ${region ? 'den' : 'afdelingen'}, så en del af ændringen i sammensætningen er, hvem der flyttede, ikke at nogens situation ændrede sig` : ''} (hvor mange der genhuses, er en antagelse i modellen: docs/ODD.md).`,
    effectStock: (end, vb, subj, v, bb, base) => `I ${end} er der ${vb} ${subj} med ${v}, mod ${bb} i ${base}`,
    // the level's label in its definite form ("andel …" → "andelen …")
    effectLevel: (end, subj, vb, v, bb, base) => `I ${end} er ${subj.replace(/^andel /i, 'andelen ')} ${vb} med ${v}, mod ${bb} i ${base}`,
    noPaired: (core) => `${core}; der kunne ikke beregnes en parvis forskel.`,
    oneRep: (core, diff, band) => `${core}: en parvis forskel på ${diff} (enkelte kørsler ${band}); med én gentagelse er der intet konfidensinterval.`,
    effect: (core, diff, ci, band, clear, power) =>
      `${core}: en parvis forskel på ${diff}, 95 %-konfidensinterval ${ci} (enkelte kørsler ${band}), ${clear ? 'en klar effekt (intervallet udelukker nul)' : 'ikke en klar effekt (intervallet omfatter nul)'}.${power}`,
    power: (n) => ` Med denne spredning skulle der omkring ${n} parvise gentagelser til at påvise en effekt på ét point (80 % styrke).`,
    percentagePoints: 'procentpoint',
    against: (v, base) => `${v} mod ${base}`,
    across: 'På tværs af scenarierne',
  },
  chart: {
    yearStock: 'År (tilstand 1. januar)',
    yearFlow: 'Kalenderår',
    scenario: 'Scenarie',
    when: 'Hvornår',
    mean: 'Gennemsnit',
    p5: '5. percentil',
    p95: '95. percentil',
    initial: (y) => `1. januar ${y} (starttilstand)`,
    endOf: (y) => `1. januar ${y + 1} (udgangen af ${y})`,
    bandNote: 'Linje: gennemsnit over gentagelser; bånd: 5. til 95. percentil.',
    bandNoteOne: 'Linje: den ene gentagelse (intet bånd: én gentagelse har ingen spredning; kør 10 eller flere, -n 10, for at se den).',
    runLabel: (n, name, reps, row) => `${n > 1 ? `${n} scenarier` : `scenariet ${name}`}, ${reps} gentagelse${reps === 1 ? '' : 'r'}, række "${row}"`,
    runLabelEstates: (n, name, reps) =>
      `${n > 1 ? `${n} scenarier` : `scenariet ${name}`}, ${reps} gentagelse${reps === 1 ? '' : 'r'}, hver afdeling i regionen`,
    estateLegend: 'Afdeling',
    meanBand: 'gennemsnit og 5-95 %-bånd',
    stateJan: 'tilstand 1. januar',
    perScenario: 'pr. scenarie',
    inScenario: (name) => `i scenariet ${name}`,
    pointsNote: 'Punkterne er tilstanden den 1. januar: det første er starttilstanden, det sidste tilstanden efter det sidste simulerede år.',
    zoomNote: 'Aksen er tilpasset data: den starter ikke ved nul.',
    areaTitle: 'Omdømme, sociale problemer og kriminalitet',
    areaCaption: 'Afdelingens omdømme, sociale problemer og kriminalitet: niveauerne bag den negative spiral.',
    spiralTitle: 'Spiralen: omdømme mod sammensætning',
    spiralCaption:
      'Afdelingens omdømme (y) mod dens andel ressourcestærke (x), ét punkt pr. år (gennemsnit over gentagelser), forbundet i tid fra det første mærkede år til det sidste. Omdømmet følger sammensætningen med en forsinkelse, og ansøgere og beboere reagerer på omdømmet: en kurve, der bliver ved med at falde, efter et chok er ovre, er den negative spiral; en, der vender, er en afdeling, der kommer sig.',
    differenceHeading: 'Forskel til grundscenariet',
    differenceTitle: (base) => `Forskel til grundscenariet (${base})`,
    differenceSubtitle: (run) => `Variant minus grundscenarie, parvis på fælles tilfældige tal · ${run}`,
    differenceAxis: (unit) => `Forskel, ${unit}`,
    differenceCaption: (base, labels) =>
      `Parvis forskel til grundscenariet "${base}" (variant minus grundscenarie, gentagelse for gentagelse på de samme frø) for ${labels}. Linje: gennemsnit over gentagelser; bånd: 5. til 95. percentil. Et bånd, der holder sig fri af den stiplede nullinje, er en effekt større end støjen mellem gentagelser. Andele er i procentpoint (pp).`,
    flowsHeading: 'Flytninger pr. år',
    flowsTitle: 'Flytninger pr. år: ind, ud og internt i afdelingen',
    flowsCaption: 'Husstandes flytninger pr. kalenderår, summeret over året:',
    flowNames: { moveIns: 'Indflytninger', moveOuts: 'Fraflytninger', internalMoves: 'Interne flytninger' },
    exitsHeading: 'Hvorfor husstande flytter',
    exitsSubtitle: (unit, run) => `${unit}, stablet efter grund · ${run} · gennemsnit`,
    reasonTitle: 'Grund til fraflytning',
    reason: 'Grund',
    year: 'År',
    meanHouseholds: 'Husstande, gennemsnit',
    exitsCaption: (reasons, none) =>
      `Fraflyttede husstande pr. kalenderår, stablet efter grunden til at flytte. Søjlerne er gennemsnit over gentagelser, så en stabel summer til det gennemsnitlige antal fraflytninger; spredningen mellem gentagelser står i diagrammet over flytninger. Grunde: ${reasons}.${none ? ` Ingen husstand flyttede af disse grunde: ${none}.` : ''}`,
    reasons: {
      space: 'boligen for lille',
      garden: 'for at få have',
      ownership: 'for at eje',
      partnership: 'samliv indgået eller brudt',
      dissatisfaction: 'utilfredshed',
      safety: 'kriminalitet og tryghed',
      stigma: 'listens stigma',
      job: 'arbejde andetsteds',
      death: 'dødsfald',
      other: 'andre grunde',
      demolition: 'nedrivning',
    },
    stayHeading: 'Boperiode for fraflyttende ressourcestærke familier',
    stayTitle: 'Hvor længe fraflyttende ressourcestærke familier havde boet der',
    staySubtitle: (run) => `Ressourcestærke børnefamilier, der flytter · ${run}`,
    stayLeftWithin: (years, shares) => `Flyttede inden for ${years} år: ${shares}`,
    stayX: 'År i afdelingen før fraflytning',
    stayY: 'Husstande pr. gentagelse (gennemsnit)',
    stay: 'Boperiode',
    stayUpTo1: 'op til 1 år',
    stayBin: (a, b) => `${a}-${b} år`,
    householdsPerReplication: 'Husstande pr. gentagelse',
    shareOfLeavers: 'Andel af disse fraflyttere',
    stayMark: (years, share) => `${years} år, rapportens grænse${share ? `: ${share} flyttede inden for den` : ''}`,
    stayShort: (who, pct, per) => `${who}${pct} af ${per} pr. gentagelse`,
    stayCaption: (years, shorts, many) =>
      `Ressourcestærke børnefamilier, der flyttede fra afdelingen, efter hvor længe de havde boet der (fra flytteloggen, alle gentagelser samlet, intervaller på 1 år: "1-2 år" er mere end 12 og højst 24 måneder). Den stiplede linje markerer ${years} år, rapportens grænse for et kort ophold. Korte ophold: ${shorts}. Husstande, der boede i afdelingen fra start, har de år med, de allerede havde boet der; husstande, der flyttede ind undervejs, kan højst have boet der i kørslens længde.${many ? ' Trinkurver: én linje pr. scenarie.' : ''}`,
    moversHeading: 'Indflyttere, fraflyttere og beboere efter status',
    moversTitle: 'Hvem flytter ind, hvem flytter ud, hvem bor der',
    moversSubtitle: (run) => `Andel ressourcestærke over hele kørslen · ${run}`,
    moversGroups: ['Indflyttere (husstande)', 'Fraflyttere (husstande)', 'Beboere 22-59 år (personer)'],
    moversY: 'Andel ressourcestærke',
    group: 'Gruppe',
    moversCaption:
      'Andelen af ressourcestærke blandt husstande, der flytter ind og ud over hele kørslen, ved siden af andelen af 22-59-årige beboere i en ressourcestærk husstand (gennemsnit af værdierne ved årets udgang). Flyttere er husstande og beboere personer, så den tredje søjle er afdelingens niveau til sammenligning, ikke det samme mål. Når flere af dem, der flytter ud, end af dem, der flytter ind, er ressourcestærke, løfter afdelingen folk i arbejde eller uddannelse og mister dem så: elevatoreffekten. Fraflyttere omfatter husstande opløst ved dødsfald. Søjler: gennemsnit over gentagelser; streger: 5. til 95. percentil.',
    channelHeading: 'Hvem hver udlejningsvej bringer',
    channelTitle: 'Ressourcestærke indflyttere efter udlejningsvej',
    channelSubtitle: (run) => `Andel ressourcestærke blandt de husstande, hver vej har anvist, over hele kørslen · ${run}`,
    channelNames: ['Kommunal anvisning', 'Fleksibel udlejning', 'Venteliste'],
    channel: 'Udlejningsvej',
    channelLettings: 'Udlejninger pr. gentagelse',
    channelCount: (n) => `n = ${n}`,
    channelCaption:
      'Andelen af ressourcestærke husstande blandt dem, der flytter ind ad hver udlejningsvej over hele kørslen: kommunal anvisning (husstande, kommunen anviser, mest i akut boligbehov), fleksibel udlejning (kriterier om arbejde eller uddannelse, hvor afdelingen bruger den) og den eksterne venteliste (inklusive andre afdelinger i regionen). En vej, der ikke har udlejet nogen bolig, er udeladt. Interne flytninger og husstande dannet i afdelingen er ikke indflyttere og vises ikke. Data: inResourceStrongMunicipal / lettingsMunicipal osv. i metrics.csv. Søjler: gennemsnit over de gentagelser, der har udlejet ad vejen; streger: 5. til 95. percentil. Over hver søjle er n det gennemsnitlige antal udlejninger pr. gentagelse ad vejen, det antal, andelen bygger på: en andel af få udlejninger kan ligge langt fra den andel, en længere kørsel ville give.',
    criteriaHeading: 'Listens kriterier',
    criteriaTitle: 'Listens fire kriterier mod deres grænser',
    listRule: 'liste',
    preventionRule: 'forebyggelse',
    listAndPrevention: 'liste og forebyggelse',
    moreThan: 'over',
    atLeast: 'mindst',
    below: 'under',
    criteriaCaption: (withPrevention, min, items) =>
      `Listens fire kriterier (almenboligloven § 61 a) for denne afdeling mod lovens grænser (røde stiplede linjer; ${withPrevention ? 'den prikkede linje er den lavere grænse for et forebyggelsesområde, § 61 b' : 'reglerne fra 2018: ingen forebyggelsesområder'}). Et område med mindst 1.000 beboere kommer på listen, når det opfylder mindst ${min} af de 4 kriterier. ${items} Den officielle opgørelse tager gennemsnittet af kriterium 1 og 2 over to år; linjerne viser værdierne ved årets udgang. Linje: gennemsnit over gentagelser; bånd: 5. til 95. percentil.`,
    threshold: 'Grænse',
    listPerEstate:
      'I en region er hver afdeling sin egen linje: loven klassificerer afdeling for afdeling, og regionens sumrække, hvis kriterier samler dens afdelinger, er ikke et område, loven klassificerer.',
    listRegionRow:
      'Regionen har for mange afdelinger til at vise dem hver for sig: linjerne er regionens sumrække, hvis kriterier samler dens afdelinger (ikke et område, loven klassificerer), og hvis status er den hårdest listede afdelings.',
    statusHeading: 'Status på listen',
    statusTitle: 'Sandsynlighed for at være på hver liste',
    statusSubtitle: (run) => `Andel af gentagelser på listen den 1. januar · ${run}`,
    statusY: 'Andel af gentagelser',
    statusLegend: 'Liste',
    statusNames: { none: 'ingen liste', prevention: 'forebyggelsesområde', udsat: 'udsat boligområde', ghetto: 'parallelsamfund', hard: 'omdannelsesområde' },
    replications: 'Gentagelser',
    share: 'Andel',
    statusCaption:
      'Sandsynligheden for, at afdelingen er på hver af de officielle lister den 1. januar hvert år: andelen af gentagelser, hvor den er på listen (opgørelsen laves hver december; det første punkt er den første opgørelse). En linje ved 0 % betyder, at ingen gentagelse satte afdelingen på listen. Listerne fra mindst til mest alvorlig: forebyggelsesområde; udsat boligområde; parallelsamfund; omdannelsesområde. En afdeling på en mere alvorlig liste opfylder også betingelserne for de mindre alvorlige, men tælles kun på den mest alvorlige.',
    statusNever: 'I denne kørsel var afdelingen ikke på nogen liste i nogen gentagelse eller noget år, så alle linjer ligger ved 0 %.',
    stayNone: 'Ingen ressourcestærk børnefamilie flyttede ud i denne kørsel, så der er ingen ophold at tælle.',
    mapHeading: 'Kort over afdelingen',
    mapTitle: 'Afdelingen den 1. januar ',
    mapSubtitle: (who) => `Boliger farvet efter, hvem der bor der · gentagelse 0 af ${who}`,
    mapEachScenario: 'hvert scenarie',
    mapScenario: (name) => `scenariet ${name}`,
    mapReplication: (name) => `${name} (gentagelse 0)`,
    mapSlider: 'År (1. januar) ',
    mapLegend: 'Husstanden i boligen',
    mapShape: 'Form',
    household: 'Husstand',
    column: 'Kolonne',
    row: 'Række',
    mapTypes: { vacant: 'ledig', strong: 'ressourcestærk', other: 'anden' },
    mapShapes: { family: 'familie med børn', single: 'uden børn' },
    mapCaption: (first, last) =>
      `Hver bolig i afdelingen på sin plads i grundplanen (afsnit side om side, bygninger som rækker af opgange, etager stablet), farvet efter husstanden, der bor der den 1. januar i det valgte år: ressourcestærk (en voksen i arbejde eller uddannelse), anden eller ledig (hvid med grå kant); børnefamilier er firkanter, andre husstande cirkler. En bolig, der ikke findes i det viste år, efterlader et hul: nedrevet, lagt sammen med en anden eller endnu ikke bygget. En regions afdelinger står under hinanden, hver under sit navn. Ét kort pr. scenarie, kun fra den første gentagelse (gentagelse 0, samme frø i alle scenarier): det viser ét muligt forløb, ikke et gennemsnit. I HTML-rapporten viser en skyder (${first}-${last}) afdelingen ændre sig; billedfilerne viser ${last}.`,
  },
  schelling: {
    subtitle: (reps, steps, seed, version) => `Schellings segregationsmodel · ${reps} gentagelser × ${steps} skridt, basisfrø ${seed}, nabolag ${version}`,
    whatHeading: 'Hvad der blev kørt',
    runWhat: (n, reps, steps, seed, version) =>
      `${n > 1 ? `${n} scenarier, hvert` : '1 scenarie'} med ${reps} gentagelse${reps === 1 ? '' : 'r'} af ${steps} skridt, basisfrø ${seed}. I hvert skridt flytter hver husstand, i en ny tilfældig rækkefølge, til et tilfældigt tomt felt, hvis den har færre naboer af sin egen gruppe, end den vil have. Lavet med nabolag ${version}.`,
    columns: ['Scenarie', 'Gitter', 'Husstande', 'Grupper', 'Naboskab', 'Hver husstand'],
    grid: (width, height, wraps) => `${width} × ${height}${wraps ? ', kanterne hænger sammen' : ''}`,
    households: (n, pct) => `${n.toLocaleString('da')} (${pct}\u00a0% af felterne)`,
    radius: (r) => `radius ${r}`,
    wantsShare: (pct) => `vil have mindst ${pct}\u00a0% af sine naboer i samme gruppe`,
    wantsCount: (n) => `vil have mindst ${n} naboer i samme gruppe`,
    findingsIntro: 'Skrevet ud fra tallene: gennemsnit over gentagelser.',
    noTrace: (name) => `${name}: intet Schelling-forløb.`,
    wantShare: (pct) => `mindst ${pct}\u00a0% af deres naboer i samme gruppe`,
    wantCount: (n) => `mindst ${n} naboer i samme gruppe`,
    finding: (name, want, simStart, simEnd, steps, simLow, simHigh, unhStart, unhEnd) =>
      `${name}: husstande, der vil have ${want}, gik fra ${simStart}\u00a0% naboer i samme gruppe ved starten til ${simEnd}\u00a0% efter ${steps} skridt (5-95\u00a0%: ${simLow}-${simHigh}\u00a0%); utilfredse husstande fra ${unhStart}\u00a0% til ${unhEnd}\u00a0%.`,
    settled: (step) => `Alle gentagelser var faldet til ro (ingen utilfredse husstande tilbage) ved skridt ${step}.`,
    notSettled: (steps) => `Ikke alle gentagelser faldt til ro inden for ${steps} skridt: husstandene blev ved med at flytte.`,
    similar: 'Naboer i samme gruppe',
    unhappy: 'Utilfredse husstande',
    sharesHeading: 'Naboer i samme gruppe og utilfredse husstande',
    sharesTitle: 'Naboer i samme gruppe og utilfredse husstande, skridt for skridt',
    replications: (n) => `${n} gentagelser`,
    step: 'Skridt',
    stepAxis: 'Skridt (én runde over alle husstande; én måned)',
    share: 'Andel',
    sharesCaption:
      'Til venstre: andelen af naboerne, der hører til samme gruppe, over alle husstande (NetLogos "% similar"). Til højre: andelen af husstandene, der har færre naboer i samme gruppe, end de vil have, og derfor flytter i næste skridt (NetLogos "% unhappy"). Skridt 0 er den tilfældige start. Linje: gennemsnit over gentagelser; bånd: 5. til 95. percentil.',
    gridHeading: 'Gitteret skridt for skridt',
    gridTitle: 'Gitteret ved skridt ',
    gridSubtitle: 'Gentagelse 0 · flyt skyderen for at skifte skridt',
    slider: 'Skridt ',
    empty: 'tom',
    group: (g) => `gruppe ${g}`,
    household: 'Husstand',
    gridCaption: (emptyColor, first, last, every) =>
      `Gitteret i den første gentagelse (gentagelse 0), én firkant pr. husstand farvet efter dens gruppe (farver, der kan skelnes ved farveblindhed), tomme felter blanke (${emptyColor} i nabolag studio). Flyt skyderen (${first}-${last}${every > 1 ? `, hvert ${every}. skridt` : ''}) for at se husstandene sortere sig selv; billedfilerne viser skridt ${last}.`,
  },
};

const TEXTS: Record<Lang, Texts> = { en, da };

/** The report's texts in a language. */
export const texts = (lang: Lang = 'en'): Texts => TEXTS[lang];

/** A field of a pattern's row (src/analysis/patterns.ts) written in English there. */
export type PatternField = 'title' | 'target' | 'detail';

/** A Danish rendering of one English text of a pattern: the whole text matches `en`; `da` writes it with the parts `en` captured. */
interface PatternRule {
  en: RegExp;
  da: (m: RegExpMatchArray) => string;
}

/**
 * The Danish texts of the patterns P1-P7, per id and field: the analysis writes them in English
 * with their numbers in them (src/analysis/patterns.ts), and the report translates them here.
 * Numbers are carried over as written (the report sets the decimal comma afterwards).
 */
const DA_PATTERNS: Readonly<Record<string, Partial<Record<PatternField, PatternRule[]>>>> = {
  P1: {
    title: [{ en: /^Short stays of leaving resource-strong families$/, da: () => 'Korte ophold blandt fraflyttende ressourcestærke familier' }],
    target: [{ en: /^(\S+)% stayed (\S+) months or less$/, da: (m) => `${m[1]} % havde boet der ${m[2]} måneder eller mindre` }],
  },
  P2: {
    title: [
      {
        en: /^Structurally static: change in resource-strong share over (\S+) years$/,
        da: (m) => `Strukturelt stabil: ændring i andelen ressourcestærke over ${m[1]} år`,
      },
    ],
    target: [{ en: /^within ±(\S+) points of the start$/, da: (m) => `højst ±${m[1]} procentpoint fra starten` }],
    detail: [
      {
        en: /^elevator exits \(households lifted within (\S+) years\) are (\S+) of move-outs$/,
        da: (m) => `elevatorfraflytninger (husstande, der er blevet ressourcestærke inden for ${m[1]} år) er ${m[2]} af fraflytningerne`,
      },
    ],
  },
  P3: {
    title: [{ en: /^Yearly move-out rate$/, da: () => 'Årlig fraflytningsrate' }],
    target: [
      {
        en: /^about (\S+)% of households \(LBF (\d+): (\S+)%\), accepted up to (\S+)%$/,
        da: (m) => `omkring ${m[1]} % af husstandene (LBF ${m[2]}: ${m[3]} %), accepteret op til ${m[4]} %`,
      },
    ],
  },
  P4: {
    title: [
      {
        en: /^Why resource-strong families leave: largest distance from the survey$/,
        da: () => 'Hvorfor ressourcestærke familier flytter: største afstand til undersøgelsen',
      },
    ],
    target: [
      {
        en: /^career \(space, garden, ownership\) (\S+)%, partnership (\S+)%, dissatisfaction \+ safety \+ stigma (\S+)% \(Foldgast et al\. (\d+)\), each within ±(\S+) points, in that order$/,
        da: (m) =>
          `boligkarriere (plads, have, ejerbolig) ${m[1]} %, samliv ${m[2]} %, utilfredshed + tryghed + stigma ${m[3]} % (Foldgast m.fl. ${m[4]}), hver højst ±${m[5]} procentpoint fra undersøgelsens andel og i den rækkefølge`,
      },
    ],
    detail: [
      {
        en: /^career (.+?), partnership (.+?), dissatisfaction\/safety\/stigma (.+?) of exits; (in|not in) the survey's order$/,
        da: (m) =>
          `boligkarriere ${m[1]}, samliv ${m[2]}, utilfredshed/tryghed/stigma ${m[3]} af fraflytningerne; ${m[4] === 'in' ? 'i' : 'ikke i'} undersøgelsens rækkefølge`,
      },
    ],
  },
  P5: {
    title: [
      { en: /^Image acts more on moving in than on staying$/, da: () => 'Omdømmet virker mere på, hvem der flytter ind, end på, hvem der bliver boende' },
    ],
    target: [
      {
        en: /^relative rise in resource-strong share of in-movers at least twice the relative fall in exits of resident resource-strong families \(those living there when image work began\), and their exits do not clearly rise$/,
        da: () =>
          'den relative stigning i andelen ressourcestærke blandt indflytterne er mindst dobbelt så stor som det relative fald i fraflytningerne blandt de ressourcestærke familier, der boede der, da omdømmearbejdet begyndte, og deres fraflytninger stiger ikke tydeligt',
      },
    ],
    detail: [
      {
        en: /^in-mover share (\S+); exits of resident resource-strong families (\S+)(?: \((\S+) to (\S+)\))?(: they rise|: no clear rise)?; exit rate of all resource-strong families, newcomers included, (\S+)(?: \((\S+) to (\S+)\))?$/,
        da: (m) =>
          `andelen ressourcestærke blandt indflytterne ${m[1]}; fraflytninger blandt de ressourcestærke familier, der boede der fra start, ${m[2]}${m[3] ? ` (${m[3]} til ${m[4]})` : ''}${m[5] === ': they rise' ? ': de stiger' : m[5] ? ': ingen tydelig stigning' : ''}; fraflytningsraten for alle ressourcestærke familier, nytilflyttede medregnet, ${m[6]}${m[7] ? ` (${m[7]} til ${m[8]})` : ''}`,
      },
    ],
  },
  P6: {
    title: [{ en: /^The image lags behind composition$/, da: () => 'Omdømmet halter efter beboersammensætningen' }],
    target: [
      {
        en: /^image reaches half its change at least (\S+) years after composition does$/,
        da: (m) => `omdømmet når halvdelen af sin ændring mindst ${m[1]} år efter beboersammensætningen`,
      },
    ],
    detail: [
      {
        en: /^composition half-way after (\S+) year\(s\), image after (\S+) year\(s\)$/,
        da: (m) => `beboersammensætningen er halvvejs efter ${m[1]} år, omdømmet efter ${m[2]} år`,
      },
    ],
  },
  P7: {
    title: [
      {
        en: /^Ended tenancies that lasted (\S+) years \((?:ended after year (\d+)|(tenancies begun after the start))\)$/,
        da: (m) => `Afsluttede lejemål, der varede ${m[1]} år (${m[3] ? 'lejemål begyndt efter starten' : `afsluttet efter år ${m[2]}`})`,
      },
    ],
    target: [
      {
        en: /^over (\S+)% \(LBF (\d+): the whole sector, youth housing included\)$/,
        da: (m) => `over ${m[1]} % (LBF ${m[2]}: hele sektoren, ungdomsboliger medregnet)`,
      },
    ],
    detail: [
      {
        en: /^(?:ended after year (\d+): (.+?); )?begun after the start: (.+?); all ended tenancies \(also those running at the start\): (.+?) \(2 years or less \/ 2-5 \/ 5-10 \/ over 10\)$/,
        da: (m) =>
          `${m[1] ? `afsluttet efter år ${m[1]}: ${m[2]}; ` : ''}begyndt efter starten: ${m[3]}; alle afsluttede lejemål (også dem, der løb ved starten): ${m[4]} (2 år eller mindre / 2-5 / 5-10 / over 10 år)`,
      },
    ],
  },
};

/**
 * The Danish text of a pattern's title, target or detail, or undefined when there is none: an
 * id without Danish texts, or an English text none of its rules matches (the analysis changed it).
 *
 * @example
 * daPatternText('P3', 'title', 'Yearly move-out rate'); // 'Årlig fraflytningsrate'
 */
export function daPatternText(id: string, field: PatternField, english: string): string | undefined {
  for (const rule of DA_PATTERNS[id]?.[field] ?? []) {
    const m = english.match(rule.en);
    if (m) return rule.da(m);
  }
  return undefined;
}

/**
 * A pattern's title, target or detail in the report's language: the English text of the analysis,
 * or its Danish text, falling back to the English one where there is none ({@link daPatternText}).
 *
 * @example
 * patternText('P3', 'title', 'Yearly move-out rate', 'da'); // 'Årlig fraflytningsrate'
 * patternText('P9', 'title', 'A new pattern', 'da'); // 'A new pattern'
 */
export function patternText(id: string, field: PatternField, english: string, lang: Lang = 'en'): string {
  return lang === 'da' ? (daPatternText(id, field, english) ?? english) : english;
}
