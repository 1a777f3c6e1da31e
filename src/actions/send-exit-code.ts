import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import type { SendReport } from '../delivery/send-engine.js';

/** 1 when anyone failed or is in doubt, 75 when work is left for a later run, else 0. */
export function sendExitCode(report: SendReport, plan: DeliveryPlan): 0 | 1 | 75 {
  const left = report.deferred.length + report.notAttempted.length;
  return report.failed.length > 0 || report.inDoubt.length > 0 || plan.inDoubt.length > 0 ? 1 : left > 0 ? 75 : 0;
}

/** 1 (something to fix) outweighs 75 (try again later), which outweighs 0. */
export function combineExitCodes(codes: ReadonlyArray<0 | 1 | 75>): 0 | 1 | 75 {
  if (codes.includes(1)) return 1;
  if (codes.includes(75)) return 75;
  return 0;
}
