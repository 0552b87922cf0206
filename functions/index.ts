/**
 * The Fairstall Worker: the HTTP app (server.ts), queue deliveries and the cron trigger.
 */
import type { Bindings } from './app.ts'
import { emailJobs } from './email/send.ts'
import { consumeJobs } from './jobs/consumer.ts'
import { resendOverdueJobs } from './jobs/outbox.ts'
import type { JobHandlers, JobMessage } from './jobs/types.ts'
import { membershipJobs } from './membership/duplicates.ts'
import { notifyJobs } from './notify/patronage.ts'
import { orderJobs } from './orders/transfers.ts'
import { refundJobs } from './refunds/jobs.ts'
import { app } from './server.ts'

/** Each feature's background job handlers, by job kind. */
const jobHandlers: JobHandlers = {
  ...membershipJobs,
  ...orderJobs,
  ...refundJobs,
  ...emailJobs,
  ...notifyJobs,
}

/** Queue deliveries: jobs to run, and (from the dead-letter queue) jobs the queue gave up on. */
async function queue(batch: MessageBatch<JobMessage>, env: Bindings, _ctx: ExecutionContext) {
  await consumeJobs(batch, env, jobHandlers)
}

/** The cron trigger (wrangler.toml): re-sends jobs left pending, e.g. after a failed send. */
async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
  ctx.waitUntil(resendOverdueJobs(env, new Date(controller.scheduledTime)))
}

export default { fetch: app.fetch, queue, scheduled } satisfies ExportedHandler<
  Bindings,
  JobMessage
>
