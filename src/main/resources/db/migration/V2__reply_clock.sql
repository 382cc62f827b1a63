-- The reply clock of each appeal (issue 3): the promise, its state, and a ledger of everything that happened to it.

create table reply_clock (
    tracking_number   varchar(32)  primary key references appeal,
    calendar          varchar(64)  not null,
    working_days      int          not null,
    state             varchar(16)  not null,  -- NOT_STARTED, RUNNING, PAUSED, STOPPED
    -- working time (within working hours) of the whole window, fixed when the clock starts
    window_seconds    bigint,
    -- working time used before the last pause
    consumed_seconds  bigint       not null default 0,
    running_since     timestamptz,
    due_at            timestamptz,
    revised_due_at    timestamptz,
    breached_at       timestamptz,
    stopped_at        timestamptz
);

create table reply_clock_event (
    id               bigserial    primary key,
    tracking_number  varchar(32)  not null references appeal,
    type             varchar(16)  not null,  -- STARTED, PAUSED, RESUMED, WARNING, BREACHED, REVISED, STOPPED
    detail           varchar(64),
    due_at           timestamptz,
    occurred_at      timestamptz  not null
);
create index reply_clock_event_appeal on reply_clock_event (tracking_number);
-- a warning rung, the breach and the revised promise happen once per appeal, however often their timers fire
create unique index reply_clock_event_once on reply_clock_event (tracking_number, type, coalesce(detail, ''))
    where type in ('WARNING', 'BREACHED', 'REVISED');

-- staff notices (reminders, warnings) travel through the same outbox, but never show in the appellant's inbox
alter table message add column audience varchar(16) not null default 'APPELLANT';
