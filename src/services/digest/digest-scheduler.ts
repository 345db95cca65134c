import cron, { type ScheduledTask } from 'node-cron';
import type { DigestSettings } from '../../data/schemas.js';
import { cronExpressionFor, nextSlotAfter } from './digest-slot.js';
import { runDueDigest, type DigestRunDeps, type DigestRunOutcome } from './digest-runner.js';

/**
 * A scheduled firing runs at least this late and still counts as on time, whatever the grace period (timers fire a
 * little late; a grace of 0 must not turn every firing into a miss).
 */
export const ON_TIME_TOLERANCE_MS = 5 * 60_000;

export type DigestSchedulerDeps<Message> = DigestRunDeps<Message> & {
  /** A digest missed (downtime) by at most this much is posted on start; older ones are skipped and logged. */
  graceMinutes: number;
  /**
   * Settings for a single-server install from `.env`, used only while the store holds no settings at all.
   * Stored settings always win; see `defaultDigestSettings`.
   */
  fallback?: DigestSettings;
};

type ScheduledEntry = { task: ScheduledTask; key: string; timer?: ReturnType<typeof setTimeout> };

/** How often each instance re-reads every server's settings, to follow changes made through another instance. */
export const RESYNC_CRON = '*/10 * * * *';

/** Longest wait for a one-off slot timer; a slot is never more than a day and a bit away. */
const MAX_TIMER_MS = 26 * 3_600_000;

/**
 * One node-cron task per server with digest settings, in the server's time zone, at its time (and once an hour
 * later as a safety net; see `cronExpressionFor`). Every firing, and the catch-up on start, goes through
 * `runDueDigest`, so each local day posts at most once whatever fires; the store's claim makes that hold across
 * restarts and instances.
 */
export class DigestScheduler<Message> {
  readonly #deps: DigestSchedulerDeps<Message>;
  readonly #tasks = new Map<string, ScheduledEntry>();
  readonly #inFlight = new Map<string, Promise<DigestRunOutcome | undefined>>();
  #stopped = false;
  #resyncTask: ScheduledTask | undefined;

  constructor(deps: DigestSchedulerDeps<Message>) {
    this.#deps = deps;
  }

  /** Schedules every enabled server, then catches up: each server's latest slot runs if it is due within grace. */
  async start(): Promise<Map<string, DigestRunOutcome>> {
    this.#stopped = false;
    const all = await this.#allSettings();
    for (const settings of all) this.#schedule(settings);
    this.#resyncTask ??= cron.schedule(RESYNC_CRON, () => this.resync(), { name: 'digest-resync', noOverlap: true });
    const outcomes = new Map<string, DigestRunOutcome>();
    for (const settings of all) {
      if (!settings.enabled) continue;
      const outcome = await this.#run(settings.guildId, this.#deps.graceMinutes * 60_000);
      if (outcome) outcomes.set(settings.guildId, outcome);
    }
    this.#deps.log.info({ job: 'digest', servers: this.#tasks.size }, 'digest scheduler started');
    return outcomes;
  }

  /** Re-reads the server's settings and replaces its task (none when digests are off or unset); no restart needed. */
  async reschedule(guildId: string): Promise<void> {
    if (this.#stopped) return;
    this.#unschedule(guildId);
    const settings = await this.#settingsFor(guildId);
    if (settings) this.#schedule(settings);
    this.#deps.log.info(
      { job: 'digest', guildId, time: settings?.enabled ? settings.time : null, timezone: settings?.timezone },
      'digest rescheduled',
    );
  }

  /**
   * Brings every task in line with the stored settings: new servers scheduled, removed or disabled ones dropped,
   * changed times or zones moved. `/digest` reschedules its own instance at once; other instances sharing the store
   * follow within ten minutes through this.
   */
  async resync(): Promise<void> {
    if (this.#stopped) return;
    try {
      const wanted = new Map<string, DigestSettings>();
      for (const settings of await this.#allSettings()) if (settings.enabled) wanted.set(settings.guildId, settings);
      for (const guildId of [...this.#tasks.keys()]) {
        if (!wanted.has(guildId)) this.#unschedule(guildId);
      }
      for (const [guildId, settings] of wanted) {
        const key = `${cronExpressionFor(settings.time)}|${settings.timezone}`;
        if (this.#tasks.get(guildId)?.key === key) continue;
        this.#unschedule(guildId);
        this.#schedule(settings);
        this.#deps.log.info({ job: 'digest', guildId, time: settings.time, timezone: settings.timezone }, 'digest rescheduled');
      }
    } catch (error) {
      this.#deps.log.warn({ err: error, job: 'digest' }, 'digest resync failed');
    }
  }

  /** Guild ids with a scheduled task, for status output and tests. */
  scheduledGuilds(): string[] {
    return [...this.#tasks.keys()];
  }

  /** The cron expression and time zone of a server's task, or `undefined`. */
  describe(guildId: string): { expression: string; timezone: string } | undefined {
    const entry = this.#tasks.get(guildId);
    if (!entry) return undefined;
    const [expression = '', timezone = ''] = entry.key.split('|');
    return { expression, timezone };
  }

  /** Stops every task; runs in progress finish (their claim and record stay consistent). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#resyncTask !== undefined) void this.#resyncTask.destroy();
    this.#resyncTask = undefined;
    for (const guildId of [...this.#tasks.keys()]) this.#unschedule(guildId);
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  #schedule(settings: DigestSettings): void {
    if (this.#stopped || !settings.enabled) return;
    const expression = cronExpressionFor(settings.time);
    const guildId = settings.guildId;
    const onTimeMs = Math.max(this.#deps.graceMinutes * 60_000, ON_TIME_TOLERANCE_MS);
    const task = cron.schedule(
      expression,
      async () => {
        await this.#run(guildId, onTimeMs);
        this.#armSlotTimer(guildId, settings, onTimeMs);
      },
      { timezone: settings.timezone, name: `digest-${guildId}`, noOverlap: true },
    );
    this.#tasks.set(guildId, { task, key: `${expression}|${settings.timezone}` });
    this.#armSlotTimer(guildId, settings, onTimeMs);
  }

  /**
   * node-cron and the slot math disagree on one kind of day: at a fall-back, node-cron fires a repeated time at its
   * second occurrence, while the slot is the first. When the next slot comes before the task's next firing, a
   * one-off timer fires at the slot; the claim keeps the later firing from posting again.
   */
  #armSlotTimer(guildId: string, settings: DigestSettings, onTimeMs: number): void {
    const entry = this.#tasks.get(guildId);
    if (!entry || this.#stopped) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    const now = this.#deps.now();
    const slot = nextSlotAfter(now, settings);
    const cronNext = entry.task.getNextRun();
    if (cronNext !== null && cronNext.getTime() <= slot.at.getTime()) return;
    const delayMs = slot.at.getTime() - now.getTime();
    if (delayMs > MAX_TIMER_MS) return;
    entry.timer = setTimeout(() => {
      if (entry.timer !== undefined) entry.timer = undefined;
      void this.#run(guildId, onTimeMs).then(() => this.#armSlotTimer(guildId, settings, onTimeMs));
    }, delayMs);
    entry.timer.unref?.();
  }

  #unschedule(guildId: string): void {
    const entry = this.#tasks.get(guildId);
    if (!entry) return;
    this.#tasks.delete(guildId);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    void entry.task.destroy();
  }

  /** One run per server at a time in this process; a firing during a run joins it rather than racing it. */
  #run(guildId: string, graceMs: number): Promise<DigestRunOutcome | undefined> {
    const running = this.#inFlight.get(guildId);
    if (running) return running;
    const run = (async (): Promise<DigestRunOutcome | undefined> => {
      try {
        // Fresh settings: another instance may have changed them since this task was scheduled.
        const settings = await this.#settingsFor(guildId);
        if (!settings?.enabled) return { status: 'disabled' };
        return await runDueDigest(settings, this.#deps, { graceMs });
      } catch (error) {
        // The store failed before a claim (a claimed run records its own failure); the next firing tries again.
        this.#deps.log.error({ err: error, job: 'digest', guildId }, 'digest firing failed');
        return undefined;
      } finally {
        this.#inFlight.delete(guildId);
      }
    })();
    this.#inFlight.set(guildId, run);
    return run;
  }

  async #allSettings(): Promise<DigestSettings[]> {
    const stored = await this.#deps.store.digests.listSettings();
    if (stored.length > 0 || !this.#deps.fallback) return stored;
    return [this.#deps.fallback];
  }

  async #settingsFor(guildId: string): Promise<DigestSettings | undefined> {
    const stored = await this.#deps.store.digests.getSettings(guildId);
    if (stored) return stored;
    const fallback = this.#deps.fallback;
    if (fallback?.guildId !== guildId) return undefined;
    return (await this.#deps.store.digests.listSettings()).length === 0 ? fallback : undefined;
  }
}
