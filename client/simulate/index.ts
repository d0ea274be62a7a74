// The fleet simulator: the shared run driver with N simulated volunteers on a virtual clock.
export { accuracyTarget, fleetChart, fleetMarkdown, fleetRows, type FleetRow } from './fleet-table.ts';
export { PROFILE_NAMES, type ProfileName } from './profiles.ts';
export { simulateFleet, type FleetOptions, type FleetResult } from './simulate-fleet.ts';
export { FleetSimulation, type FleetDraw } from './fleet-simulation.ts';
export { memoryStore, simulateStudy, type StudyFleetResult, type StudyRun } from './simulate-study.ts';
export { studyFleetChart, studyFleetMarkdown, studyRunRows, type StudyRunRow } from './study-fleet-table.ts';
