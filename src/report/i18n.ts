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
export type Lang = (typeof LANGS)[number];

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** Danish labels of the metrics that have an English `label` in model/reporters.ts. */
export const DA_METRIC_LABELS: Readonly<Record<string, string>> = {
  resourceStrongShare: 'Andel ressourcestærke blandt 22-59-årige',
  familiesWithChildren: 'Børnefamilier',
  resourceStrongFamilies: 'Ressourcestærke børnefamilier',
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
export type Verdict = 'helps' | 'harms' | 'unclear' | 'noInterval';

const en = {
  lang: 'en' as Lang,
  /** Decimal separator of the language. */
  decimal: '.',
  comparisonTitle: (base: string, variants: string[]) => `nabolag comparison: ${base} against ${variants.join(', ')}`,
  runTitle: (name: string) => `nabolag report: ${name}`,
  subtitle: (reps: number, years: number, start: number, last: number, seed: number, version: string) =>
    `${reps} replications × ${years} years (${start}-${last}), base seed ${seed}, nabolag ${version}`,
  range: (a: string, b: string) => `${a} to ${b}`,
  contents: 'Contents',
  files: 'Files',
  answer: 'The answer in brief',
  verdict: { helps: 'likely helps', harms: 'likely harms', unclear: 'no clear effect', noInterval: 'one replication: no interval' } as Record<Verdict, string>,
  /** "extension: +6.6 points resource-strong by 2041, 95% CI +5.6 to +7.5 — likely helps" */
  headline: (variant: string, diff: string, end: number, ci: string, verdict: string) =>
    `${variant}: ${diff} points resource-strong by ${end}, 95% CI ${ci} — ${verdict}`,
  headlineNoCi: (variant: string, diff: string, end: number, verdict: string) => `${variant}: ${diff} points resource-strong by ${end} — ${verdict}`,
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
  drift: (label: string, from: string, to: string, start: number, end: number, limit: string) =>
    `In the baseline, ${label.toLowerCase()} goes from ${from} in ${start} to ${to} by ${end}, a change of more than ${limit}. The estate changes even without a lever, so read the effects as differences from a moving baseline, not from today's estate.`,
  steady: (label: string, from: string, to: string, start: number, end: number) =>
    `Baseline steady: ${label.toLowerCase()} ${from} in ${start}, ${to} by ${end}.`,
  trajectoryIntro: (name: string, end: number) => `Scenario "${name}": the estate's composition on 1 January of the first year and by ${end} (mean, 5-95% range over replications in brackets).`,
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
    ['parallelsamfund', 'parallel society (formerly "ghetto"): a disadvantaged area where more than half the residents are of non-western background'],
    ['omdannelsesområde', 'transformation area (formerly "hard ghetto"): a parallel society for four years in a row; must cut its family social housing to 40%'],
    ['fleksibel udlejning', 'flexible letting: vacancies let first to applicants in work or education'],
    ['kommunal anvisning', 'municipal allocation: the municipality assigns households in need to vacancies'],
    ['forlængelse', 'extension: a lever that keeps resource-strong families longer (fewer of them leave)'],
  ] as [string, string][],
  appendix: 'Appendix: what was run',
  findings: 'Findings',
  findingsIntro: 'Generated from the numbers: means over replications, the 5-95% range in brackets.',
  effects: 'Effects at the horizon',
  patterns: 'Patterns',
  groups: { composition: 'Composition', flows: 'Moves and stays', image: 'Image and the list criteria' } as Record<'composition' | 'flows' | 'image', string>,
  effectColumns: ['Variant', 'Outcome', 'Unit', 'Baseline', 'Variant value', 'Difference', '95% CI', 'Single runs 5-95%', 'Clear'],
  yes: 'yes',
  no: 'no',
  na: 'n/a',
  pp: 'pp',
  effectsIntro: (base: string, end: number) =>
    `Each variant against the baseline "${base}" by ${end} (stocks and shares at the end of ${end - 1}, flows summed over ${end - 1}; effects.csv lists them under year ${end - 1}). The difference is paired: computed replication by replication on the same seeds, then averaged. "95% CI" is the confidence interval of that mean (t-based): it narrows as replications are added, and "clear" means it excludes zero. "Single runs 5-95%" is how much the difference varies from one replication to the next: it does not narrow with more replications. pp = percentage points. Hover an outcome for its code in the data files; every metric is in <a href="effects.csv">effects.csv</a>.`,
  runColumns: ['Scenario', 'Role', 'Description', 'Levers'],
  baseline: 'baseline',
  variantRole: 'variant',
  runRole: 'run',
  none: 'none',
  allInManifest: 'all in manifest.json',
  runWhat: (n: number, reps: number, years: number, start: number, last: number, seed: number, seeds: string, paired: boolean, version: string) =>
    `${n > 1 ? `${n} scenarios, each` : '1 scenario'} with ${reps} replication${reps === 1 ? '' : 's'} of ${years} years (${start}-${last}), base seed ${seed}; replication <i>i</i> uses a seed derived from the base seed and <i>i</i>: ${seeds}.${
      paired ? ' Every scenario ran on the same seeds (common random numbers), so the differences are paired replication by replication.' : ''
    } Made with nabolag ${version}.`,
  runHow: (start: number, end: number, years: number, row: string, region: boolean) =>
    `Numbers are means over replications with the 5th-95th percentile range in brackets. Charts show the state on 1 January of each year (${start} is the initial state, ${end} the state after ${years} simulated years) and flows summed over each calendar year. They read the metric row "${row}"${region ? ' (all estates together)' : ''}.`,
  chartFiles: 'Files',
  links: {
    'metrics.csv': 'metrics.csv — every metric per replication, month and estate',
    'moves.csv': 'moves.csv — one row per household move',
    'effects.csv': 'effects.csv — paired effects at the horizon, every metric',
    'summary.json': 'summary.json — mean and 5-95% band per metric and year',
    'manifest.json': 'manifest.json — version, scenarios as resolved, seeds (enough to reproduce the run)',
  } as Record<string, string>,
};

export type Texts = typeof en;

const da: Texts = {
  lang: 'da',
  decimal: ',',
  comparisonTitle: (base, variants) => `nabolag sammenligning: ${base} mod ${variants.join(', ')}`,
  runTitle: (name) => `nabolag rapport: ${name}`,
  subtitle: (reps, years, start, last, seed, version) => `${reps} gentagelser × ${years} år (${start}-${last}), grundfrø ${seed}, nabolag ${version}`,
  range: (a, b) => `${a} til ${b}`,
  contents: 'Indhold',
  files: 'Filer',
  answer: 'Svaret kort',
  verdict: { helps: 'hjælper sandsynligvis', harms: 'skader sandsynligvis', unclear: 'ingen klar effekt', noInterval: 'én gentagelse: intet interval' },
  headline: (variant, diff, end, ci, verdict) => `${variant}: ${diff} point ressourcestærke i ${end}, 95 %-KI ${ci} — ${verdict}`,
  headlineNoCi: (variant, diff, end, verdict) => `${variant}: ${diff} point ressourcestærke i ${end} — ${verdict}`,
  headlineIntro: (base, end) =>
    `Hver variant mod grundscenariet "${base}": ændringen i andelen af 22-59-årige, der er ressourcestærke (i arbejde eller uddannelse eller bor med en, der er), i ${end}, i procentpoint, med 95 %-konfidensinterval. Bedste først.`,
  verdictRule:
    '"Hjælper sandsynligvis" eller "skader sandsynligvis": intervallet ligger helt over eller under nul. "Ingen klar effekt": det omfatter nul, så disse gentagelser kan ikke skelne effekten fra ingen effekt.',
  ranking: 'Rangorden',
  rank: 'Nr.',
  variant: 'Variant',
  verdictColumn: 'Vurdering (andel ressourcestærke)',
  rankingCaption: (end) => `Varianterne ordnet efter effekten på andelen ressourcestærke i ${end}: gennemsnitlig parvis forskel, 95 %-KI i parentes.`,
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
  drift: (label, from, to, start, end, limit) =>
    `I grundscenariet går ${label.toLowerCase()} fra ${from} i ${start} til ${to} i ${end}, en ændring på mere end ${limit}. Afdelingen ændrer sig også uden tiltag, så læs effekterne som forskelle fra et grundscenarie i bevægelse, ikke fra afdelingen i dag.`,
  steady: (label, from, to, start, end) => `Grundscenariet ligger stille: ${label.toLowerCase()} ${from} i ${start}, ${to} i ${end}.`,
  trajectoryIntro: (name, end) => `Scenariet "${name}": beboersammensætningen den 1. januar det første år og i ${end} (gennemsnit, 5-95 %-spænd over gentagelser i parentes).`,
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
    ['parallelsamfund', 'tidligere "ghetto": et udsat boligområde, hvor over halvdelen af beboerne har ikke-vestlig baggrund'],
    ['omdannelsesområde', 'tidligere "hård ghetto": et parallelsamfund fire år i træk; skal nedbringe andelen af almene familieboliger til 40 %'],
    ['fleksibel udlejning', 'ledige boliger udlejes først til ansøgere i arbejde eller uddannelse'],
    ['kommunal anvisning', 'kommunen anviser husstande med boligbehov til ledige boliger'],
    ['forlængelse', 'et tiltag, der holder på ressourcestærke familier længere (færre af dem flytter)'],
  ],
  appendix: 'Bilag: hvad der blev kørt',
  findings: 'Resultater',
  findingsIntro: 'Skrevet ud fra tallene: gennemsnit over gentagelser, 5-95 %-spændet i parentes.',
  effects: 'Effekter ved tidshorisonten',
  patterns: 'Mønstre',
  groups: { composition: 'Beboersammensætning', flows: 'Flytninger og boperiode', image: 'Omdømme og listens kriterier' },
  effectColumns: ['Variant', 'Udfald', 'Enhed', 'Grundscenarie', 'Variantens værdi', 'Forskel', '95 %-KI', 'Enkelte kørsler 5-95 %', 'Klar'],
  yes: 'ja',
  no: 'nej',
  na: 'i.t.',
  pp: 'pp',
  effectsIntro: (base, end) =>
    `Hver variant mod grundscenariet "${base}" i ${end} (bestande og andele ved udgangen af ${end - 1}, strømme summeret over ${end - 1}; effects.csv har dem under år ${end - 1}). Forskellen er parvis: beregnet gentagelse for gentagelse på de samme frø og derefter gennemsnittet. "95 %-KI" er konfidensintervallet for gennemsnittet (t-baseret): det bliver smallere med flere gentagelser, og "klar" betyder, at det udelukker nul. "Enkelte kørsler 5-95 %" er, hvor meget forskellen varierer fra gentagelse til gentagelse: det bliver ikke smallere med flere gentagelser. pp = procentpoint. Hold musen over et udfald for dets navn i datafilerne; alle mål står i <a href="effects.csv">effects.csv</a>.`,
  runColumns: ['Scenarie', 'Rolle', 'Beskrivelse', 'Tiltag'],
  baseline: 'grundscenarie',
  variantRole: 'variant',
  runRole: 'kørsel',
  none: 'ingen',
  allInManifest: 'alle i manifest.json',
  runWhat: (n, reps, years, start, last, seed, seeds, paired, version) =>
    `${n > 1 ? `${n} scenarier, hvert` : '1 scenarie'} med ${reps} gentagelse${reps === 1 ? '' : 'r'} af ${years} år (${start}-${last}), grundfrø ${seed}; gentagelse <i>i</i> bruger et frø afledt af grundfrøet og <i>i</i>: ${seeds}.${
      paired ? ' Alle scenarier kørte på de samme frø (fælles tilfældige tal), så forskellene er parvise, gentagelse for gentagelse.' : ''
    } Lavet med nabolag ${version}.`,
  runHow: (start, end, years, row, region) =>
    `Tal er gennemsnit over gentagelser med 5.-95. percentil i parentes. Diagrammerne viser tilstanden den 1. januar hvert år (${start} er starttilstanden, ${end} tilstanden efter ${years} simulerede år) og strømme summeret over hvert kalenderår. De læser rækken "${row}"${region ? ' (alle afdelinger samlet)' : ''}.`,
  chartFiles: 'Filer',
  links: {
    'metrics.csv': 'metrics.csv — alle mål pr. gentagelse, måned og afdeling',
    'moves.csv': 'moves.csv — én række pr. flytning',
    'effects.csv': 'effects.csv — parvise effekter ved tidshorisonten, alle mål',
    'summary.json': 'summary.json — gennemsnit og 5-95 %-bånd pr. mål og år',
    'manifest.json': 'manifest.json — version, scenarierne som opløst, frø (nok til at gentage kørslen)',
  },
};

const TEXTS: Record<Lang, Texts> = { en, da };

/** The report's texts in a language. */
export const texts = (lang: Lang = 'en'): Texts => TEXTS[lang];
