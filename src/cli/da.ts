/**
 * The command line's help in Danish: the project's own texts (keyed by their English wording,
 * which `args.ts` translates when the help language is Danish) and yargs' own strings
 * (yargs ships no Danish locale). A test checks that every text of the program has a
 * translation here.
 */
import { PACKAGE_ROOT } from '../version.js';

/** yargs' strings, in Danish (the keys are yargs' own; `%s` stands for a value). */
export const DA_YARGS: Record<string, string | { one: string; other: string }> = {
  'Commands:': 'Kommandoer:',
  'Options:': 'Tilvalg:',
  'Positionals:': 'Argumenter:',
  'Examples:': 'Eksempler:',
  boolean: 'sand/falsk',
  string: 'tekst',
  array: 'liste',
  required: 'påkrævet',
  default: 'standard',
  'default:': 'standard:',
  'Show help': 'Vis hjælp',
  'Show version number': 'Vis versionsnummer',
  // KEYS (args-yargs.ts): the options as typed (`-n`, `--seed`)
  'Unknown argument: %s': { one: 'Ukendt tilvalg eller argument: \u0001%s\u0002', other: 'Ukendte tilvalg eller argumenter: \u0001%s\u0002' },
  'Not enough arguments following: %s': 'tilvalget \u0001%s\u0002 mangler en værdi',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'For få argumenter: fik %s, skal have mindst %s',
    other: 'For få argumenter: fik %s, skal have mindst %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': { one: 'For mange argumenter: fik %s, højst %s', other: 'For mange argumenter: fik %s, højst %s' },
  'Missing required argument: %s': { one: 'Mangler påkrævet argument: %s', other: 'Mangler påkrævede argumenter: %s' },
  'generate completion script': 'Skriv et script til fuldførelse af kommandoer (bash/zsh)',
};

/** The project's help texts in Danish, keyed by their English wording. */
export const DA_TEXTS: Record<string, string> = {
  'Agent-based simulation of who lives in a Danish social housing estate over time.':
    'Agentbaseret simulering af, hvem der bor i en almen boligafdeling over tid.',
  'Run a scenario and write metrics.csv, moves.csv, summary.json, manifest.json, charts/ and report.html':
    'Kør et scenarie og skriv metrics.csv, moves.csv, summary.json, manifest.json, charts/ og report.html',
  'Run a baseline and variants on the same seeds (common random numbers) and write paired differences':
    'Kør et grundscenarie og varianter på de samme frø (fælles tilfældige tal) og skriv parvise forskelle',
  'Check scenario files and print every problem found': 'Tjek scenariefiler og vis alle fundne fejl',
  'Scenario file (YAML or JSON), e.g. scenarios/default.yaml': 'Scenariefil (YAML eller JSON), fx scenarios/default.yaml',
  'Baseline scenario file': 'Grundscenariets fil',
  'Variant scenario files': 'Varianternes filer',
  'Scenario files': 'Scenariefiler',
  'Number of replications (overrides the file)': 'Antal gentagelser (tilsidesætter filen)',
  'Base random seed (overrides the file)': 'Basisfrø for tilfældige tal (tilsidesætter filen)',
  'Years to simulate (overrides the file)': 'År, der simuleres (tilsidesætter filen)',
  "Output folder (default output/<the file's path>, e.g. output/levers-extension); only a new, empty or nabolag-written folder":
    'Mappe til resultater (standard output/<filens sti>, fx output/levers-extension); kun en ny, tom eller af nabolag skrevet mappe',
  'Worker threads (default: all cores, fewer for small runs); results do not depend on it':
    'Tråde (standard: alle kerner, færre til små kørsler); resultaterne afhænger ikke af det',
  "Replications for every scenario (default: the baseline file's)": 'Gentagelser for hvert scenarie (standard: grundscenariets)',
  "Base seed for every scenario (default: the baseline file's)": 'Basisfrø for hvert scenarie (standard: grundscenariets)',
  "Years to simulate (default: the baseline file's)": 'År, der simuleres (standard: grundscenariets)',
  'Output folder (default output/compare-<names>)': 'Mappe til resultater (standard output/compare-<navne>)',
  'Worker threads (default: all cores, fewer for small runs)': 'Tråde (standard: alle kerner, færre til små kørsler)',
  'No progress bar': 'Ingen statuslinje',
  'Print nothing on success: no progress bar and no closing lines (the answer, the warnings, where the results are); errors still go to stderr':
    'Skriv intet, når det lykkes: ingen statuslinje og ingen afsluttende linjer (svaret, advarslerne, hvor resultaterne er); fejl skrives stadig til stderr',
  "Language of the report: en (English) or da (Danish), for report.html and the charts' words (default: the scenario's language field, else English); the console, the data files and their columns stay English":
    'Rapportens sprog: en (engelsk) eller da (dansk), for report.html og diagrammernes tekst (standard: scenariets language-felt, ellers engelsk); konsollen, datafilerne og deres kolonner forbliver på engelsk',
  "Language of the report: en (English) or da (Danish), for report.html and the charts' words (default: the shards' --lang, else their scenario's language field, else English); the console, the data files and their columns stay English":
    'Rapportens sprog: en (engelsk) eller da (dansk), for report.html og diagrammernes tekst (standard: delmappernes --lang, ellers deres scenaries language-felt, ellers engelsk); konsollen, datafilerne og deres kolonner forbliver på engelsk',
  'Write charts/ and report.html (--no-report to skip them)': 'Skriv charts/ og report.html (--no-report springer dem over)',
  'Write charts/ (--no-report to skip them)': 'Skriv charts/ (--no-report springer dem over)',
  'If another run is writing the same output folder, wait for it instead of stopping':
    'Hvis en anden kørsel skriver i samme mappe, så vent på den i stedet for at stoppe',
  'Change a scenario field as if the file said so: <path>=<value>, the value read as YAML, e.g. --set years=20, --set estates[0].flats=600, --set policies[lever=extension].factor=0.5 (repeatable; in compare, every scenario that has the field)':
    'Ændr et felt i scenariet, som om filen sagde det: <sti>=<værdi>, værdien læst som YAML, fx --set years=20, --set estates[0].flats=600, --set policies[lever=extension].factor=0.5 (kan gentages; i compare: hvert scenarie, der har feltet)',
  'Run only shard k of n of the work (k/n, e.g. 2/4; auto/n takes k from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX, plus one) into a shard folder; join the shards with nabolag merge':
    'Kør kun del k af n af arbejdet (k/n, fx 2/4; auto/n tager k fra SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX eller AWS_BATCH_JOB_ARRAY_INDEX, plus én) i en delmappe; saml delene med nabolag merge',
  'Join the shard folders of a command run with --shard k/n into the files one run would have written (byte-identical data files)':
    'Saml delmapperne fra en kommando kørt med --shard k/n til de filer, én kørsel ville have skrevet (byte for byte ens datafiler)',
  'The shard folders, every k of n once': 'Delmapperne, hvert k af n én gang',
  'Output folder: a new, empty or nabolag-written folder, or the folder holding the shard folders':
    'Mappe til resultater: en ny, tom eller af nabolag skrevet mappe, eller mappen, der rummer delmapperne',
  'No closing lines': 'Ingen afsluttende linjer',
  'The first of four shards of 10 replications each (2/4, 3/4 and 4/4 likewise, on other machines, or --shard auto/4 in a job array)':
    'Den første af fire dele med 10 gentagelser hver (2/4, 3/4 og 4/4 på samme måde, på andre maskiner, eller --shard auto/4 i et job-array)',
  'Join them into out/: the same metrics.csv, summary.json … as one run of 40': 'Saml dem i out/: samme metrics.csv, summary.json … som én kørsel med 40',
  "Any command's shards (run, compare, sweep, sensitivity), without the report": 'Dele fra enhver kommando (run, compare, sweep, sensitivity), uden rapporten',
  'Print a bash/zsh completion script (add it to ~/.bashrc or ~/.zshrc)':
    'Skriv et script til fuldførelse af kommandoer (føj det til ~/.bashrc eller ~/.zshrc)',
  'The default estate, 10 replications of 15 years, into output/default/': 'Standardafdelingen, 10 gentagelser af 15 år, i output/default/',
  'A preset with more replications, another seed and horizon': 'En forudindstillet afdeling med flere gentagelser, et andet frø og en anden horisont',
  'Your own estate, one field changed from the command line': 'Din egen afdeling, med ét felt ændret fra kommandolinjen',
  'The default estate against two levers, paired on common random numbers': 'Standardafdelingen mod to håndtag, parret på fælles tilfældige tal',
  'The extension lever at half the exit rate, against the baseline': 'Forlængelses-håndtaget ved halv fraflytningsrate, mod grundscenariet',
  'Check every shipped scenario': 'Tjek alle medfølgende scenarier',
  'Write the studio: an interactive page (Schelling model with sliders and a live grid) that opens from the file, offline':
    'Skriv studiet: en interaktiv side (Schelling-modellen med skydere og et levende gitter), der åbnes direkte fra filen, uden net',
  'Output folder (default output/studio); only a new, empty or nabolag-written folder':
    'Mappe til siden (standard output/studio); kun en ny, tom eller af nabolag skrevet mappe',
  'Open the page in the default browser': 'Åbn siden i standardbrowseren',
  'Also serve the page on http://127.0.0.1 (this machine only) until Ctrl-C': 'Vis også siden på http://127.0.0.1 (kun denne maskine) indtil Ctrl-C',
  'Port for --serve (default 8321)': 'Port til --serve (standard 8321)',
  'Write output/studio/index.html and open it': 'Skriv output/studio/index.html og åbn den',
  'Serve the studio on http://127.0.0.1:8080/': 'Vis studiet på http://127.0.0.1:8080/',
  [EPILOGUE_EN()]: EPILOGUE_DA(),
  "Run the scenario at many values of some fields (a grid, one at a time, or a Latin hypercube), all on its seeds, and write each point's paired effects":
    'Kør scenariet ved mange værdier af nogle felter (et gitter, ét ad gangen eller en latinsk hyperkube), alle på dets frø, og skriv hvert punkts parvise effekter',
  'Scenario file (YAML or JSON)': 'Scenariefil (YAML eller JSON)',
  'A field and its values, <path>=<v1>,<v2>,… (repeatable); with --design lhs a range <path>=<lo>:<hi>':
    'Et felt og dets værdier, <sti>=<v1>,<v2>,… (kan gentages); med --design lhs et interval <sti>=<lav>:<høj>',
  'grid (every combination, the default), oat (one field at a time, the others as given) or lhs (Latin hypercube)':
    'grid (alle kombinationer, standard), oat (ét felt ad gangen, de andre som givet) eller lhs (latinsk hyperkube)',
  'Points of an lhs design': 'Antal punkter i et lhs-design',
  'Also write moves.csv (every move of every point: large)': 'Skriv også moves.csv (hver flytning i hvert punkt: stor)',
  'Replications of every point (overrides the file)': 'Gentagelser i hvert punkt (i stedet for filens)',
  'Base seed of every point (overrides the file)': 'Basisfrø for hvert punkt (i stedet for filens)',
  "Output folder (default output/sweep-<the file's path>)": 'Mappe til resultater (standard output/sweep-<filens sti>)',
  'Dose-response of the extension lever: four exit-rate factors against the scenario as given':
    'Dosis-respons for forlængelse: fire faktorer på fraflytningsraten mod scenariet som givet',
  'A Latin hypercube of 50 points over two assumptions': 'En latinsk hyperkube med 50 punkter over to antagelser',
  'Global sensitivity analysis (Morris elementary effects or Sobol indices) of outcomes to scenario fields, on common random numbers':
    'Global følsomhedsanalyse (Morris elementære effekter eller Sobol-indeks) af udfald over for scenariefelter, på fælles tilfældige tal',
  'morris (screening: μ*, σ, μ) or sobol (first-order and total indices with 95% intervals)':
    'morris (screening: μ*, σ, μ) eller sobol (første ordens og totale indeks med 95%-intervaller)',
  'A field and its range, <path>=<lo>:<hi> (repeatable); values are uniform on the range':
    'Et felt og dets interval, <sti>=<lav>:<høj> (kan gentages); værdierne er ligefordelte på intervallet',
  'An outcome, <name>=<expression> over metric@year (the ensemble mean in the region, or the one estate), e.g. gain=resourceStrongShare@2040-resourceStrongShare@2026 (repeatable)':
    'Et udfald, <navn>=<udtryk> over måltal@år (gennemsnittet over gentagelser i regionen eller den ene afdeling), fx gain=resourceStrongShare@2040-resourceStrongShare@2026 (kan gentages)',
  'Morris: trajectories (default 10; k + 1 points each); Sobol: base rows N (default 64; N (k + 2) points)':
    'Morris: baner (standard 10; k + 1 punkter hver); Sobol: grundrækker N (standard 64; N (k + 2) punkter)',
  'Base seed of every point and of the design (overrides the file)': 'Basisfrø for hvert punkt og for designet (i stedet for filens)',
  "Output folder (default output/sensitivity-<the file's path>)": 'Mappe til resultater (standard output/sensitivity-<filens sti>)',
  'Which of two fields moves the gain in the resource-strong share most': 'Hvilket af to felter flytter gevinsten i den ressourcestærke andel mest',
  'Sobol indices with 128 base rows (128 x (2 + 2) points)': 'Sobol-indeks med 128 grundrækker (128 x (2 + 2) punkter)',
  'Print each scenario resolved (extends merged, defaults filled in), every value with where it came from: file and line, or default':
    'Vis hvert scenarie samlet (extends flettet ind, standardværdier udfyldt), hver værdi med hvor den kom fra: fil og linje eller standard',
  'Every value of a scenario, with the file and line it came from or "default"': 'Hver værdi i et scenarie, med filen og linjen den kom fra eller "default"',
  'The scenario a run with the same --set would use, checked and shown': 'Det scenarie, en kørsel med samme --set ville bruge, kontrolleret og vist',
  'Write a commented starting scenario that validates (an existing file is never replaced)':
    'Skriv et kommenteret scenarie at begynde med, som er gyldigt (en eksisterende fil erstattes aldrig)',
  'The new scenario file (.yaml)': 'Den nye scenariefil (.yaml)',
  "Flats of the estate (default: the preset's, else 1000)": 'Boliger i afdelingen (standard: den forudindstillede afdelings, ellers 1000)',
  "Share of the residents aged 22-59 who are resource-strong at the start, 0-1 or a percentage (default: the preset's, else 0.52)":
    'Andelen af beboere på 22-59 år, der er ressourcestærke ved start, 0-1 eller en procent (standard: den forudindstillede afdelings, ellers 0,52)',
  'Start from a preset of scenarios/presets/: average, aeblehaven-like, egedalsvaenge-like or ringparken-like':
    'Begynd fra en forudindstillet afdeling i scenarios/presets/: average, aeblehaven-like, egedalsvaenge-like eller ringparken-like',
  'A 600-flat estate, 40% resource-strong, every other field at its default':
    'En afdeling med 600 boliger, 40% ressourcestærke, alle andre felter som standard',
  'Start from a preset and change its size': 'Begynd fra en forudindstillet afdeling og ændr dens størrelse',
  'Write a commented scenario of your estate to start from': 'Skriv et kommenteret scenarie for din afdeling at begynde med',
  'Run it: results and a report in output/my-estate/': 'Kør det: resultater og en rapport i output/my-estate/',
  'A lever against the baseline, on the same random numbers': 'Et håndtag mod grundscenariet, på de samme tilfældige tal',
  'The options and examples of one command': 'Tilvalg og eksempler for én kommando',
  'Run a command (run, compare, sweep or sensitivity) on a Slurm cluster as a job array of shards and a merge job that joins them into the results one machine would write':
    'Kør en kommando (run, compare, sweep eller sensitivity) på en Slurm-klynge som et jobarray af dele og et samlejob, der samler dem til de resultater, én maskine ville skrive',
  'After --: the nabolag command and its options, with --out on a file system every node can write':
    'Efter --: nabolag-kommandoen og dens tilvalg, med --out på et filsystem, som alle knuder kan skrive på',
  '80 replications as 8 tasks of 10; the merged results in results/big/, the job scripts and logs in results/big/slurm/':
    '80 gentagelser som 8 opgaver à 10; de samlede resultater i results/big/, jobscripts og logfiler i results/big/slurm/',
  'A sweep as 50 tasks of 4 CPUs; waits for the merge and exits with its status':
    'En sweep som 50 opgaver med 4 CPU’er; venter på samlejobbet og slutter med dets status',
  'Resubmit only the shards that failed or never ran, then the merge': 'Indsend kun de dele igen, der fejlede eller aldrig kørte, og derefter samlejobbet',
  'Print the job scripts; submit nothing': 'Vis jobscripts; indsend intet',
  'The scheduler: slurm (the default and, so far, the only one; Kubernetes and AWS Batch: see docs/cluster.md)':
    'Køsystemet: slurm (standard og indtil videre det eneste; Kubernetes og AWS Batch: se docs/cluster.md)',
  'Tasks of the job array: the work is split into this many shards': 'Opgaver i jobarrayet: arbejdet deles i så mange dele',
  "Slurm partition (default: the cluster's)": 'Slurm-partition (standard: klyngens)',
  'Slurm account to charge (default: yours)': 'Slurm-konto, der betaler (standard: din)',
  "Time limit of each task and of the merge, HH:MM:SS, D-HH:MM:SS or minutes (default: the partition's)":
    'Tidsgrænse for hver opgave og for samlejobbet, TT:MM:SS, D-TT:MM:SS eller minutter (standard: partitionens)',
  'CPUs of each task, used as its worker threads unless the command sets --workers (default 1)':
    'CPU’er til hver opgave, brugt som dens tråde, medmindre kommandoen angiver --workers (standard 1)',
  'Wait until the merge has ended, print its output and exit with its status': 'Vent, til samlejobbet er slut, vis dets uddata og slut med dets status',
  'Print the job scripts and the sbatch commands; submit nothing and write nothing': 'Vis jobscripts og sbatch-kommandoerne; indsend og skriv intet',
  "An earlier submission's output folder: resubmit only the shards without a complete shard.json, then the merge":
    'En tidligere indsendelses mappe: indsend kun de dele igen, der mangler en færdig shard.json, og derefter samlejobbet',
  "Fit fields of your scenario to observed targets (Nelder-Mead on the ensemble means, common random numbers) and write the scenario with the fitted values; --presets checks the presets' patterns":
    'Tilpas felter i dit scenarie til observerede mål (Nelder-Mead på gennemsnittene over gentagelser, fælles tilfældige tal) og skriv scenariet med de tilpassede værdier; --presets tjekker de forudindstillede afdelingers mønstre',
  'Scenario file (YAML or JSON) to fit; leave out with --presets': 'Scenariefil (YAML eller JSON), der skal tilpasses; udelades med --presets',
  'Fit the yearly hazard of moving for other reasons to a move-out rate of 10.4% a year':
    'Tilpas den årlige risiko for at flytte af andre grunde til en fraflytningsrate på 10,4% om året',
  'Two fields to two targets; the fitted scenario is output/calibrate-my-estate/calibrated.yaml':
    'To felter til to mål; det tilpassede scenarie er output/calibrate-my-estate/calibrated.yaml',
  "The presets' patterns (P1-P7) against their targets, as npm run calibrate":
    'De forudindstillede afdelingers mønstre (P1-P7) mod deres mål, som npm run calibrate',
  'A field to fit and its range, <path>=<lo>:<hi> (repeatable), e.g. career.otherAnnual=0.01:0.08':
    'Et felt, der skal tilpasses, og dets interval, <sti>=<lav>:<høj> (kan gentages), fx career.otherAnnual=0.01:0.08',
  'An observed target, <expression>=<value> or <expression>=<value>±<tolerance> (+- also), the expression over metric@year as in sensitivity --outcome (repeatable)':
    'Et observeret mål, <udtryk>=<værdi> eller <udtryk>=<værdi>±<tolerance> (også +-), udtrykket over måltal@år som i sensitivity --outcome (kan gentages)',
  'Most evaluations (ensemble runs) of the search (default 100)': 'Højst så mange evalueringer (kørsler af alle gentagelser) i søgningen (standard 100)',
  'Replications of every evaluation (overrides the file; with --presets, per preset, default 20)':
    'Gentagelser i hver evaluering (i stedet for filens; med --presets pr. forudindstillet afdeling, standard 20)',
  'Base seed of every evaluation (overrides the file)': 'Basisfrø for hver evaluering (i stedet for filens)',
  "Output folder (default output/calibrate-<the file's path>)": 'Mappe til resultater (standard output/calibrate-<filens sti>)',
  'No progress lines and no summary (the results are in the files)': 'Ingen statuslinjer og intet resumé (resultaterne står i filerne)',
  "Check every preset's patterns (P1-P7) against their targets instead (as npm run calibrate)":
    'Tjek i stedet hver forudindstillet afdelings mønstre (P1-P7) mod deres mål (som npm run calibrate)',
  'With --presets: only this preset (a file name in scenarios/presets/, without .yaml)':
    'Med --presets: kun denne forudindstillede afdeling (et filnavn i scenarios/presets/, uden .yaml)',
  'With --presets: one JSON object per pattern and line': 'Med --presets: ét JSON-objekt pr. mønster og linje',
};

/** The epilogue of every help, in English (also the key of its translation). */
export function EPILOGUE_EN(): string {
  return [
    'Exit codes: 0 success; 2 a problem with your input or your machine (the message names the file, field or path and what is allowed); 1 an internal error; 130 stopped by Ctrl-C; 143 stopped by SIGTERM.',
    'Levers: scenarios/levers/ has one example per policy lever (a table of them in README.md); every field is in docs/parameters.md, the model in docs/ODD.md, the commands and what they write in docs/usage.md, the metrics in docs/metrics.md.',
    `These folders are in ${PACKAGE_ROOT}.`,
  ].join('\n\n');
}

function EPILOGUE_DA(): string {
  return [
    'Afslutningskoder: 0 gennemført; 2 et problem med dine input eller din maskine (beskeden nævner filen, feltet eller stien og hvad der er tilladt); 1 en intern fejl; 130 stoppet med Ctrl-C; 143 stoppet med SIGTERM.',
    'Håndtag: scenarios/levers/ har et eksempel på hvert politisk håndtag (en tabel over dem i README.md); alle felter står i docs/parameters.md, modellen i docs/ODD.md, kommandoerne og hvad de skriver i docs/usage.md, måltallene i docs/metrics.md.',
    `Mapperne ligger i ${PACKAGE_ROOT}.`,
  ].join('\n\n');
}
