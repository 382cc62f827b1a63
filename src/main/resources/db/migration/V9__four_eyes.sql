-- Issue 10: a final decision needs every document of the current round opened by the decider, or a waiver per item
-- with a reason; a REJECT, and a LIFT or WITHDRAW_ONLY with a waived item, is confirmed by a second person.
create table decision_waiver (
    decision_id    uuid         not null references review_decision,
    document_type  varchar(64)  not null,
    reason         text         not null,
    primary key (decision_id, document_type)
);

create table decision_confirmation (
    decision_id      uuid         primary key references review_decision,
    tracking_number  varchar(32)  not null references appeal,
    task_id          varchar(64)  not null unique,
    outcome          varchar(16)  not null check (outcome in ('CONFIRMED', 'SENT_BACK')),
    note             text,
    decided_by       varchar(64)  not null,
    decided_at       timestamptz  not null
);
create index decision_confirmation_appeal on decision_confirmation (tracking_number, decided_at);
