-- Appeal Desk's own tables. The engine keeps its ACT_* tables in the default schema; ours live in appeal_desk.

create table appeal (
    tracking_number     varchar(32)  primary key,
    account_id          varchar(64)  not null,
    restriction_reason  varchar(40)  not null,
    channel             varchar(16)  not null,
    full_name           varchar(200) not null,
    residence_region    char(2)      not null,
    id_document_type    varchar(40)  not null,
    language            varchar(35)  not null,
    email               varchar(254),
    phone               varchar(40),
    access_token_hash   char(64)     not null,
    status              varchar(24)  not null,
    decision            varchar(32),
    decision_reason     varchar(64),
    decided_by          varchar(64),
    decided_at          timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
-- one open appeal per account: the database, not a check-then-insert, guarantees it
create unique index appeal_one_open_per_account on appeal (account_id)
    where status in ('AWAITING_DOCUMENTS', 'IN_REVIEW');

create table checklist_item (
    id                    bigserial    primary key,
    tracking_number       varchar(32)  not null references appeal,
    document_type         varchar(64)  not null,
    request_round         int          not null,
    requested_at          timestamptz  not null,
    received_document_id  uuid
);
create index checklist_item_appeal on checklist_item (tracking_number);

create table document (
    id               uuid         primary key,
    tracking_number  varchar(32)  not null references appeal,
    document_type    varchar(64)  not null,
    object_key       varchar(200) not null unique,
    sha256           char(64)     not null,
    size_bytes       bigint       not null,
    content_type     varchar(64)  not null,
    uploaded_at      timestamptz  not null
);
create index document_appeal on document (tracking_number);

create table document_view (
    id               bigserial    primary key,
    document_id      uuid         not null references document,
    tracking_number  varchar(32)  not null,
    viewed_by        varchar(64)  not null,
    viewed_at        timestamptz  not null
);
create index document_view_appeal on document_view (tracking_number);

create table appeal_event (
    id               bigserial    primary key,
    tracking_number  varchar(32)  not null references appeal,
    type             varchar(40)  not null,
    detail           varchar(200),
    occurred_at      timestamptz  not null
);
create index appeal_event_appeal on appeal_event (tracking_number);

create table message (
    id               bigserial    primary key,
    tracking_number  varchar(32)  not null references appeal,
    kind             varchar(64)  not null,
    channel          varchar(16)  not null,
    locale           varchar(35)  not null,
    recipient        varchar(254),
    subject          text         not null,
    body             text         not null,
    dedupe_key       varchar(200) not null,
    status           varchar(16)  not null,
    attempts         int          not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    unique (dedupe_key, channel)
);
create index message_appeal on message (tracking_number);
create index message_pending on message (status) where status = 'PENDING';

create table account_restriction (
    account_id   varchar(64)  primary key,
    access       varchar(16)  not null,
    reason       varchar(40)  not null,
    updated_at   timestamptz  not null
);

create table account_restriction_change (
    id           bigserial    primary key,
    account_id   varchar(64)  not null references account_restriction,
    from_access  varchar(16),
    to_access    varchar(16)  not null,
    cause        varchar(64)  not null,
    changed_at   timestamptz  not null
);
