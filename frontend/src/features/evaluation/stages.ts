import { STAGES, type Call, type Stage } from '../../lib/api/types';

/** The stages a call runs, in order. */
export function callStages(call: Pick<Call, 'deadlines'>): Stage[] {
  const present = new Set(call.deadlines.map((d) => d.stage));
  const stages = STAGES.filter((s) => present.has(s));
  return stages.length > 0 ? stages : ['full'];
}

/** The stage to show first: the last one whose deadline has passed, else the first. */
export function defaultStage(call: Pick<Call, 'deadlines'>): Stage {
  const stages = callStages(call);
  const passed = stages.filter((s) => call.deadlines.find((d) => d.stage === s)?.passed);
  return passed[passed.length - 1] ?? stages[0] ?? 'full';
}

export function isStage(value: string | null): value is Stage {
  return value !== null && (STAGES as readonly string[]).includes(value);
}
