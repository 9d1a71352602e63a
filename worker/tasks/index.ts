import type { TaskList } from 'graphile-worker';
import type { WorkerDeps } from '../deps.ts';
import { aiDraftRegenerate } from './ai_draft_regenerate.ts';
import { aiDraftReview } from './ai_draft_review.ts';
import { aiDraftReviewUpdate } from './ai_draft_review_update.ts';
import { bookOfferedSlot } from './book_offered_slot.ts';
import { deliverNotifications } from './deliver_notifications.ts';
import { dispatchDueTouches } from './dispatch_due_touches.ts';
import { dispatchTouch } from './dispatch_touch.ts';
import { dispatchTouches } from './dispatch_touches.ts';
import { enrichLeads } from './enrich_leads.ts';
import { enrichLeadsSweep } from './enrich_leads_sweep.ts';
import { importLeads } from './import_leads.ts';
import { inboundPostProcess } from './inbound_post_process.ts';
import { reactivationOrchestrator } from './reactivation_orchestrator.ts';
import { reconcileUnknownTouches } from './reconcile_unknown_touches.ts';
import { refreshAvailability } from './refresh_availability.ts';
import { refreshAvailabilityDue } from './refresh_availability_due.ts';
import { refreshAnalytics } from './refresh_analytics.ts';
import { refreshLeadPriorities } from './refresh_lead_priorities.ts';
import { runCadence } from './run_cadence.ts';
import { runDueTimers } from './run_due_timers.ts';
import { runSequences } from './run_sequences.ts';
import { sendAccountInvite } from './send_account_invite.ts';
import { sendNotificationDigests } from './send_notification_digests.ts';
import { touchOrchestrator } from './touch_orchestrator.ts';

/** Every task the worker runs; identifiers match worker/crontab and the SQL that queues jobs. */
export function buildTaskList(deps: WorkerDeps): TaskList {
  return {
    dispatch_touch: dispatchTouch(deps),
    dispatch_touches: dispatchTouches(deps),
    dispatch_due_touches: dispatchDueTouches(deps),
    touch_orchestrator: touchOrchestrator(deps),
    run_cadence: runCadence(deps),
    reactivation_orchestrator: reactivationOrchestrator(deps),
    run_due_timers: runDueTimers(deps),
    run_sequences: runSequences(deps),
    reconcile_unknown_touches: reconcileUnknownTouches(deps),
    refresh_lead_priorities: refreshLeadPriorities(deps),
    refresh_analytics: refreshAnalytics(deps),
    inbound_post_process: inboundPostProcess(deps),
    ai_draft_review: aiDraftReview(deps),
    ai_draft_review_update: aiDraftReviewUpdate(deps),
    ai_draft_regenerate: aiDraftRegenerate(deps),
    import_leads: importLeads(deps),
    enrich_leads: enrichLeads(deps),
    enrich_leads_sweep: enrichLeadsSweep(deps),
    send_account_invite: sendAccountInvite(deps),
    refresh_availability: refreshAvailability(deps),
    refresh_availability_due: refreshAvailabilityDue(deps),
    book_offered_slot: bookOfferedSlot(deps),
    deliver_notifications: deliverNotifications(deps),
    send_notification_digests: sendNotificationDigests(deps),
  };
}
