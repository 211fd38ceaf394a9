/**
 * Model parameters frozen for tests that pin exact values (see scenario.ts), written out in
 * full so that a recalibration of the defaults in src/scenario/schema.ts does not move the
 * pinned numbers. Values are the schema defaults of the first release of the mechanisms;
 * parameters added later (elevator.basicEducationFactor, elevator.higherEducationFactor,
 * letting.rentElasticity, letting.rehousingShare, letting.relocationSimilarity,
 * letting.rehousingPatience, estates[].applicants.familyShare) are frozen at the defaults they
 * were added with. Edit only on purpose.
 */
export const FROZEN_PARAMETERS = {
  name: 'frozen',
  startYear: 2026,
  years: 15,
  replications: 10,
  seed: 1,
  region: {
    meanIncome15to64: 330000,
    housePrice: 2400000,
    maxPriceToIncome: 5
  },
  demography: {
    enabled: true,
    mortalityA: 0.00003,
    mortalityB: 0.092,
    fertilityPeak: 0.11,
    fertilityPeakAge: 30,
    fertilitySpread: 5.5,
    fertilityByChildren: [
      0.7,
      1.2,
      0.45,
      0.25
    ],
    crowdingBirthFactor: 0.45,
    singleBirthFactor: 0.15,
    childLeaveAnnual: 0.22,
    childStaysInEstateShare: 0.25,
    partnershipAnnual: 0.07,
    partnerMovesOutShare: 0.45,
    breakupAnnual: 0.035,
    breakupHouseholdLeavesShare: 0.5,
    breakupFormsHouseholdShare: 0.15
  },
  elevator: {
    enabled: true,
    outsideToEmployed: 0.07,
    outsideToStudent: 0.025,
    studentToEmployed: 0.22,
    studentToOutside: 0.04,
    employedToOutside: 0.035,
    programmeBoost: 1,
    retirementAge: 65,
    basicEducationFactor: 0.5,
    higherEducationFactor: 1.5,
    liftedExitFactor: 2,
    liftedMonths: 36,
    incomeEmployed: 390000,
    incomeStudent: 95000,
    incomeOutside: 165000,
    incomeRetired: 190000
  },
  career: {
    enabled: true,
    spaceAnnual: 0.16,
    familyMoreRoomAnnual: 0.05,
    gardenAnnual: 0.07,
    ownershipAnnual: 0.07,
    jobAnnual: 0.015,
    dissatisfactionAnnual: 0.03,
    safetyAnnual: 0.04,
    stigmaAnnual: 0.04,
    otherAnnual: 0.012,
    weakCareerFactor: 0.3,
    earlyBoost: 1.6,
    earlyYears: 1.5,
    internalListPatience: 12
  },
  social: {
    enabled: true,
    tieGrowthPerYear: 0.3,
    tieEffect: 1,
    familyNearbyFactor: 0.75,
    volunteerFactor: 0.75,
    volunteerStartAnnual: 0.03,
    volunteerStopAnnual: 0.15,
    childFriendsFactor: 0.85
  },
  spiral: {
    enabled: true,
    imageFallPerMonth: 0.08,
    imageRisePerMonth: 0.008,
    problemsAdjustPerMonth: 0.1,
    imageFromOutside: 0.7,
    imageFromNonWestern: 0.25,
    imageFromCrime: 0.15,
    imageFromListing: 0.08,
    imageBoost: 0,
    imageOnApplicants: 2.5,
    imageOnStaying: 0.5,
    crimeFromOutsideYoung: 6,
    crimeFromVulnerable: 8,
    crimeBase: 0.55,
    problemsFromVulnerable: 3,
    problemsFromOutside: 0.8
  },
  letting: {
    municipalShare: 0.25,
    municipalStrongShare: 0.12,
    municipalVulnerableShare: 0.2,
    bansWhenListed: true,
    bannedShareOfWeak: 0.6,
    flexibleShare: 0,
    internalList: true,
    internalShare: 0.5,
    familyPriorityLarge: false,
    combinedLetting: false,
    cashBenefitShareOfWeak: 0.55,
    offersPerMonth: 4,
    weakAcceptance: 0.95,
    strongAcceptance: 0.85,
    swapAnnual: 0.02,
    rentElasticity: 3,
    rehousingShare: 0.34,
    relocationSimilarity: 0.1,
    rehousingPatience: 12,
    swapMinYears: 3
  },
  classification: {
    ruleSet: '2021',
    minResidents: 1000,
    listStigmaFactor: 1
  },
  output: {
    moves: true,
    mapEveryYears: 0
  }
} as const;

/** One estate with every field set (merged under each estate of a frozen scenario). */
export const FROZEN_ESTATE = {
  name: 'estate',
  copies: 1,
  flats: 1000,
  sections: 4,
  floors: 4,
  flatsPerLanding: 2,
  stairwellsPerBuilding: 4,
  rooms: {
    r1: 0.08,
    r2: 0.3,
    r3: 0.4,
    r4: 0.18,
    r5: 0.04
  },
  gardenShareOfGroundFloor: 0.25,
  ownerShare: 0,
  coopShare: 0,
  rentBase: 1600,
  rentPerRoom: 1300,
  population: {
    occupancy: 0.98,
    resourceStrongShare: 0.52,
    familyShare: 0.36,
    seniorShare: 0.18,
    nonWesternShare: 0.45,
    westernShare: 0.05,
    basicEducationShareStrong: 0.25,
    basicEducationShareWeak: 0.62,
    vulnerableShare: 0.06,
    meanStayYears: 7,
    familyNearbyShare: 0.3,
    volunteerShare: 0.08,
    wantsGardenShare: 0.55,
    wantsOwnShare: 0.45
  },
  applicants: {
    resourceStrongShare: 0.44,
    nonWesternShare: 0.45,
    familyNearbyShare: 0.3,
    familyShare: 0.5,
    vulnerableShare: 0.02
  },
  image: 0.5,
  consecutiveListYears: 0
} as const;
