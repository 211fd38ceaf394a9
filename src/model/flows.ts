/**
 * What happened in a month, as data: the flow counters (one row per estate, reset every month)
 * and the move log (every move of the run, one column per field). The mechanisms and the
 * occupancy operations count into them; the reporters and the move table read them.
 */

/** Flow counters, one row per estate per month. Order = index. */
export const FLOWS = [
  'moveIns',
  'moveOuts',
  'internalMoves',
  'householdsFormed',
  'births',
  'deaths',
  'lifted',
  'dropped',
  'childrenLeftHome',
  'partnersMovedIn',
  'partnersMovedOut',
  'inResourceStrong',
  'inFamilies',
  'outResourceStrong',
  'outResourceStrongFamilies',
  'outResourceStrongFamiliesShortStay',
  'outLifted',
  'lettingsMunicipal',
  'lettingsFlexible',
  'lettingsInternal',
  'lettingsExternal',
  'lettingsSale',
  'offersDeclined',
  'swaps',
  'exitsSpace',
  'exitsGarden',
  'exitsOwnership',
  'exitsPartnership',
  'exitsDissatisfaction',
  'exitsSafety',
  'exitsStigma',
  'exitsJob',
  'exitsDeath',
  'exitsOther',
  'exitsDemolition',
  'relocated',
  'fromRegion',
  'flatsDemolished',
  'flatsBuilt',
  'flatsMerged',
  'unitsSold',
  'inResourceStrongMunicipal',
  'inResourceStrongFlexible',
  'inResourceStrongExternal',
  'flexibleByAgreement',
] as const;
export type FlowName = (typeof FLOWS)[number];
export const F = Object.fromEntries(FLOWS.map((n, i) => [n, i])) as { [K in FlowName]: number };
export const NFLOW = FLOWS.length;
/** Index of the first exit-by-reason counter; exit reason r is at EXIT0 + r. */
export const EXIT0 = F.exitsSpace;

/** Columnar, growable log of household moves. */
export class MoveLog {
  size = 0;
  month: Int32Array;
  uid: Int32Array;
  kind: Uint8Array;
  reason: Uint8Array;
  stay: Int32Array;
  strong: Uint8Array;
  family: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  estate: Uint16Array;
  /** The mover's neighbour-preference group (Schelling worlds: `groups` true), written by the mechanism after `push`; else null. */
  group: Uint8Array | null;
  constructor(
    readonly enabled: boolean,
    cap = 1024,
    groups = false,
  ) {
    this.group = groups ? new Uint8Array(cap) : null;
    this.month = new Int32Array(cap);
    this.uid = new Int32Array(cap);
    this.kind = new Uint8Array(cap);
    this.reason = new Uint8Array(cap);
    this.stay = new Int32Array(cap);
    this.strong = new Uint8Array(cap);
    this.family = new Uint8Array(cap);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.estate = new Uint16Array(cap);
  }
  private grow(): void {
    const cap = this.month.length * 2;
    const g = <T extends Int32Array | Uint8Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.month = g(this.month);
    this.uid = g(this.uid);
    this.kind = g(this.kind);
    this.reason = g(this.reason);
    this.stay = g(this.stay);
    this.strong = g(this.strong);
    this.family = g(this.family);
    this.from = g(this.from);
    this.to = g(this.to);
    this.estate = g(this.estate);
    if (this.group) this.group = g(this.group);
  }
  push(
    month: number,
    uid: number,
    kind: number,
    reason: number,
    stay: number,
    strong: boolean,
    family: boolean,
    from: number,
    to: number,
    estate: number,
  ): void {
    if (!this.enabled) return;
    if (this.size === this.month.length) this.grow();
    const k = this.size++;
    this.month[k] = month;
    this.uid[k] = uid;
    this.kind[k] = kind;
    this.reason[k] = reason;
    this.stay[k] = stay;
    this.strong[k] = strong ? 1 : 0;
    this.family[k] = family ? 1 : 0;
    this.from[k] = from;
    this.to[k] = to;
    this.estate[k] = estate;
  }
}
