-- Issue 10: a commitment made on a case binds whoever handles it next: a temporary withdraw-only grant (applied
-- through the wallet, with an end date) or a dated promise to the appellant. Watched by a timer; withdrawn only by a
-- supervisor with a reason; who made and who withdrew it is part of the record.
create table commitment (
    id                 uuid          primary key,
    tracking_number    varchar(32)   not null references appeal,
    kind               varchar(32)   not null check (kind in ('TEMPORARY_WITHDRAW_ONLY', 'PROMISE')),
    text               varchar(500)  not null,
    due_at             timestamptz   not null,
    made_by            varchar(64)   not null,
    made_at            timestamptz   not null,
    status             varchar(16)   not null check (status in ('OPEN', 'KEPT', 'FELL_DUE', 'WITHDRAWN')),
    closed_by          varchar(64),
    closed_at          timestamptz,
    close_reason       varchar(500)
);
create index commitment_appeal on commitment (tracking_number, made_at);
