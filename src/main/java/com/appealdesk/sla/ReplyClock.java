package com.appealdesk.sla;

import com.appealdesk.sla.ReplyClockRepository.Row;
import com.appealdesk.sla.ReplyClockRepository.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reply clock of an appeal: promised at intake (working days and calendar from {@code reply-window.dmn}),
 * started when documents are complete, paused while we wait for more documents, stopped by the decision. The window
 * is kept as working time, so a pause gives back exactly the working time it took. Every change is written to the
 * ledger; each operation is safe to repeat, because the engine retries a failed step.
 */
@Service
public class ReplyClock {

    /** warnings go out at least this long before the promise they warn about */
    static final Duration WARNING_MARGIN = Duration.ofMinutes(30);

    private final ReplyClockRepository clocks;
    private final WorkingCalendars calendars;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ReplyClock(ReplyClockRepository clocks, WorkingCalendars calendars, Clock clock, ApplicationEventPublisher events) {
        this.clocks = clocks;
        this.calendars = calendars;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public void promise(String trackingNumber, String calendarId, int workingDays) {
        calendars.get(calendarId);
        if (workingDays < 1) {
            throw new IllegalArgumentException("reply window of " + trackingNumber + " must be at least 1 working day, not "
                    + workingDays);
        }
        clocks.insertOnce(trackingNumber, calendarId, workingDays);
    }

    /**
     * Documents are complete: the clock starts, or resumes with the working time it had left; either way a
     * {@link PromiseSet} tells who needs to know the date (the appellant is told it).
     */
    @Transactional
    public void startOrResume(String trackingNumber) {
        Row row = locked(trackingNumber);
        Instant now = clock.instant();
        WorkingCalendar calendar = calendars.get(row.calendar());
        if (row.state() == State.NOT_STARTED) {
            Instant due = calendar.endOfWorkingDays(now, row.workingDays());
            clocks.update(row.running(calendar.workingTimeBetween(now, due), now, due));
            clocks.record(trackingNumber, "STARTED", null, due, now);
            events.publishEvent(new PromiseSet(trackingNumber, "STARTED", due));
        } else if (row.state() == State.PAUSED) {
            Instant due = dueIfResumed(row, now);
            clocks.update(row.running(row.window(), now, due));
            clocks.record(trackingNumber, "RESUMED", null, due, now);
            events.publishEvent(new PromiseSet(trackingNumber, "RESUMED", due));
        }
    }

    /** We asked the appellant for more: the clock stops running until {@link #startOrResume}. */
    @Transactional
    public void pause(String trackingNumber) {
        Row row = locked(trackingNumber);
        if (row.state() == State.RUNNING) {
            Instant now = clock.instant();
            clocks.update(row.paused(consumedUntil(row, now)));
            clocks.record(trackingNumber, "PAUSED", null, row.dueAt(), now);
        }
    }

    /**
     * The decision is made, the wallet resolved the restriction, or the documents never came: MET when within the
     * promise, BREACHED when not. A clock stopped while paused (waiting for the appellant) has used only what it had
     * used when it paused; its promise is the date it would have had if it had resumed now, so the appellant's time is
     * never counted against us (with the date from before the pause, a wallet resolving the case a week into the wait
     * was recorded BREACHED).
     */
    @Transactional
    public void stop(String trackingNumber) {
        Row row = locked(trackingNumber);
        Instant now = clock.instant();
        Row stopped;
        if (row.state() == State.RUNNING) {
            stopped = row.stopped(consumedUntil(row, now), now);
        } else if (row.state() == State.PAUSED) {
            stopped = row.running(row.window(), now, dueIfResumed(row, now)).stopped(row.consumed(), now);
        } else {
            return;
        }
        clocks.update(stopped);
        clocks.record(trackingNumber, "STOPPED", stateOf(stopped, false).name(), stopped.dueAt(), now);
    }

    /** When {@code fraction} of the window will have been used (in working time); now-ish when it already has. */
    @Transactional(readOnly = true)
    public Instant pointAt(String trackingNumber, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a point of the reply window is a fraction in (0, 1], not " + fraction);
        }
        Row row = running(trackingNumber);
        Duration target = Duration.ofSeconds(Math.round(row.window().toSeconds() * fraction));
        Duration left = target.minus(row.consumed());
        return calendars.get(row.calendar()).plusWorkingTime(row.runningSince(), left);
    }

    /**
     * When the warning at {@code fraction} of the window goes out: at a moment of this appeal's own between that point
     * and the end of its working day, always at least {@link #WARNING_MARGIN} before the promise, so that a wave of
     * appeals promised for the same day is not warned all in the same second.
     */
    @Transactional(readOnly = true)
    public Instant warningAt(String trackingNumber, double fraction) {
        Row row = running(trackingNumber);
        Instant point = pointAt(trackingNumber, fraction);
        return calendars.get(row.calendar()).spread(point, row.promised().minus(WARNING_MARGIN), trackingNumber);
    }

    /**
     * A moment of this appeal's own during the {@code workingDays}-th working day from now (its end at the latest):
     * for reminders and progress messages, which need the day, not the minute.
     */
    @Transactional(readOnly = true)
    public Instant duringWorkingDay(String trackingNumber, int workingDays) {
        Row row = clocks.find(trackingNumber).orElseThrow(() -> noClock(trackingNumber));
        WorkingCalendar calendar = calendars.get(row.calendar());
        Instant end = calendar.endOfWorkingDays(clock.instant(), workingDays);
        Instant start = calendar.startOfDay(end);
        Instant earliest = start.isAfter(clock.instant()) ? start : clock.instant();
        return calendar.spread(earliest, end, trackingNumber);
    }

    @Transactional(readOnly = true)
    public Instant dueAt(String trackingNumber) {
        return running(trackingNumber).dueAt();
    }

    /** The end of {@code workingDays} working days from now, in this appeal's calendar. */
    @Transactional(readOnly = true)
    public Instant workingDaysFromNow(String trackingNumber, int workingDays) {
        Row row = clocks.find(trackingNumber).orElseThrow(() -> noClock(trackingNumber));
        return calendars.get(row.calendar()).endOfWorkingDays(clock.instant(), workingDays);
    }

    /**
     * Records a warning rung once per appeal; false when it was already recorded, or when it comes too late to warn:
     * the promise has passed (timers that were due together fire in any order), so the breach speaks instead.
     */
    @Transactional
    public boolean warn(String trackingNumber, String rung) {
        Row row = locked(trackingNumber);
        Instant now = clock.instant();
        if (row.breachedAt() != null || !now.isBefore(row.dueAt())) {
            return false;
        }
        boolean recorded = clocks.record(trackingNumber, "WARNING", rung, row.dueAt(), now);
        if (recorded) {
            events.publishEvent(new ReplyClockChanged(trackingNumber));
        }
        return recorded;
    }

    /** Records the breach once per appeal; false when it was already recorded. */
    @Transactional
    public boolean breach(String trackingNumber) {
        Row row = locked(trackingNumber);
        Instant now = clock.instant();
        if (row.breachedAt() == null) {
            clocks.update(row.breached(now));
        }
        boolean recorded = clocks.record(trackingNumber, "BREACHED", null, row.dueAt(), now);
        events.publishEvent(new ReplyClockChanged(trackingNumber));
        return recorded;
    }

    /** After a breach, the new date we promise: {@code workingDays} from now, fixed the first time it is set. */
    @Transactional
    public Instant revise(String trackingNumber, int workingDays) {
        Row row = locked(trackingNumber);
        if (row.revisedDueAt() != null) {
            return row.revisedDueAt();
        }
        Instant now = clock.instant();
        Instant revised = calendars.get(row.calendar()).endOfWorkingDays(now, workingDays);
        clocks.update(row.revised(revised));
        clocks.record(trackingNumber, "REVISED", null, revised, now);
        events.publishEvent(new ReplyClockChanged(trackingNumber));
        return revised;
    }

    /**
     * The promise a missed new date is replaced with: {@code workingDays} from now, told to the appellant again and
     * watched again, for as long as the review runs. Safe to repeat: a new date not yet passed (or a clock stopped)
     * is returned as it is.
     */
    @Transactional
    public Instant reviseAfterMissed(String trackingNumber, int workingDays) {
        Row row = locked(trackingNumber);
        Instant now = clock.instant();
        Instant missed = row.revisedDueAt();
        if (missed == null || now.isBefore(missed) || row.state() == State.STOPPED) {
            return missed;
        }
        Instant revised = calendars.get(row.calendar()).endOfWorkingDays(now, workingDays);
        clocks.update(row.revised(revised));
        clocks.record(trackingNumber, "REVISED", "missed " + missed, revised, now);
        events.publishEvent(new ReplyClockChanged(trackingNumber));
        return revised;
    }

    /** The date we promise now: the new date after a breach, the first promise otherwise. */
    @Transactional(readOnly = true)
    public Instant promisedAt(String trackingNumber) {
        return clocks.find(trackingNumber).orElseThrow(() -> noClock(trackingNumber)).promised();
    }

    @Transactional(readOnly = true)
    public Optional<ReplyClockView> view(String trackingNumber) {
        return clocks.find(trackingNumber).map(row -> {
            List<ReplyClockView.Event> events = clocks.events(trackingNumber);
            boolean warned = events.stream().anyMatch(event -> "WARNING".equals(event.type()));
            return new ReplyClockView(row.workingDays(), row.promised(), stateOf(row, warned),
                    calendars.get(row.calendar()).zone(), events);
        });
    }

    private SlaState stateOf(Row row, boolean warned) {
        return switch (row.state()) {
            case NOT_STARTED -> SlaState.NOT_STARTED;
            case STOPPED -> row.breachedAt() != null || row.stoppedAt().isAfter(row.dueAt()) ? SlaState.BREACHED : SlaState.MET;
            case PAUSED -> row.breachedAt() != null ? SlaState.BREACHED : SlaState.PAUSED;
            case RUNNING -> row.breachedAt() != null || !clock.instant().isBefore(row.dueAt()) ? SlaState.BREACHED
                    : warned ? SlaState.AT_RISK : SlaState.ON_TRACK;
        };
    }

    /** A paused clock's promise if it ran again from {@code now} with the working time it has left (none left: as it was). */
    private Instant dueIfResumed(Row row, Instant now) {
        Duration left = row.window().minus(row.consumed());
        return left.isNegative() || left.isZero() ? row.dueAt() : calendars.get(row.calendar()).plusWorkingTime(now, left);
    }

    private Duration consumedUntil(Row row, Instant now) {
        return row.consumed().plus(calendars.get(row.calendar()).workingTimeBetween(row.runningSince(), now));
    }

    private Row running(String trackingNumber) {
        Row row = clocks.find(trackingNumber).orElseThrow(() -> noClock(trackingNumber));
        if (row.state() != State.RUNNING) {
            throw new IllegalStateException("the reply clock of " + trackingNumber + " is " + row.state() + ", not RUNNING");
        }
        return row;
    }

    private Row locked(String trackingNumber) {
        return clocks.lock(trackingNumber).orElseThrow(() -> noClock(trackingNumber));
    }

    private static IllegalStateException noClock(String trackingNumber) {
        return new IllegalStateException("appeal " + trackingNumber + " has no reply promise");
    }
}
