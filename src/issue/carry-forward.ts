import { isRolling, type FundingItem, type Issue, type TrainingItem } from './issue.js';

export interface CarriedForward {
  training: TrainingItem[];
  funding: FundingItem[];
  /** Items of the previous issue that stay behind, and why, for the coordinator. */
  left: Array<{ section: 'training' | 'funding'; title: string; reason: string }>;
}

/**
 * Pure: what of `previous` is still open after `sendDate` (`YYYY-MM-DD`) and so
 * belongs in the next issue. Training carries when its date, or without a date
 * its booking deadline, falls after the send date, unless booking has already
 * closed; funding carries when its deadline falls after the send date, or is
 * rolling (open all year). Each carried item keeps the month it was first
 * published in.
 */
export function carryForward(previous: Issue, sendDate: string): CarriedForward {
  const left: CarriedForward['left'] = [];
  const mark = <T extends TrainingItem | FundingItem>(item: T): T => ({ ...item, carriedFrom: item.carriedFrom ?? previous.id });

  const training = previous.training.filter((item) => {
    const reason = trainingStaysBehind(item, sendDate);
    if (reason !== undefined) left.push({ section: 'training', title: item.title, reason });
    return reason === undefined;
  });
  const funding = previous.funding.filter((item) => {
    if (isRolling(item.deadline) || item.deadline > sendDate) return true;
    left.push({ section: 'funding', title: item.title, reason: `its deadline, ${item.deadline}, is not after the send date` });
    return false;
  });
  return { training: training.map(mark), funding: funding.map(mark), left };
}

/** Why a training item is not carried forward, or undefined when it is. */
function trainingStaysBehind(item: TrainingItem, sendDate: string): string | undefined {
  if (item.date !== undefined && item.date <= sendDate) return `its date, ${item.date}, is not after the send date`;
  if (item.deadline !== undefined && item.deadline < sendDate) return `booking closed on ${item.deadline}`;
  if (item.date === undefined) {
    if (item.deadline === undefined) return 'it has no date or booking deadline';
    if (item.deadline <= sendDate) return `booking closes on ${item.deadline}, the send date`;
  }
  return undefined;
}
