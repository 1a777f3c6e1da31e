import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import type { BuiltMessage, MessageRecipient } from '../mail/message-builder.js';
import { STAND_IN_RECIPIENT } from './sample-recipient.js';
import type { PlanPreview } from './send-events.js';

/**
 * What a dry run shows of one issue beside its plan, for `send ISSUE` and
 * `send --due` alike: the size is that of the first planned recipient's
 * message, or a stand-in's when the plan reaches nobody.
 */
export function planPreview(plan: DeliveryPlan, build: (recipient: MessageRecipient) => BuiltMessage, preview: Omit<PlanPreview, 'messageBytes'>): PlanPreview {
  return { ...preview, messageBytes: build(plan.send[0] ?? STAND_IN_RECIPIENT).raw.length };
}
