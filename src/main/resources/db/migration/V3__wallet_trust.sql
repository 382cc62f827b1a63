-- Issue 7: the wallet is the source of truth. Service callers with API keys, restriction facts reported by the
-- wallet, decisions recorded as taken and handed to the wallet signed and idempotent, idempotent intake and upload.

-- clients the wallet trusts (its back end, its risk engine, the hotline tool) and their keys; only hashes are kept
create table api_client (
    name        varchar(64)  primary key,
    scopes      varchar(200) not null,  -- space separated, e.g. 'appeals:open restrictions:write'
    created_at  timestamptz  not null,
    created_by  varchar(64)  not null
);

create table api_key (
    id            uuid         primary key,
    client_name   varchar(64)  not null references api_client,
    key_hash      char(64)     not null unique,
    key_prefix    varchar(12)  not null,  -- the first characters, so an operator can tell keys apart
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null,
    revoked_at    timestamptz,
    revoked_by    varchar(64),
    last_used_at  timestamptz
);
create index api_key_client on api_key (client_name);

-- the restriction as the wallet reports it; every change kept with who reported it
alter table account_restriction add column restricted_at timestamptz;
alter table account_restriction add column reported_by varchar(64);
alter table account_restriction_change add column reason varchar(40);
alter table account_restriction_change add column restricted_at timestamptz;
alter table account_restriction_change add column reported_by varchar(64);
alter table account_restriction_change alter column cause type varchar(100);

-- what the account could do when the appeal began (an appeal never makes it worse)
alter table appeal add column access_at_intake varchar(16);

-- a decision as the reviewer took it, written once in the transaction that completes the review task
create table review_decision (
    id                   uuid         primary key,
    tracking_number      varchar(32)  not null references appeal,
    task_id              varchar(64)  not null unique,
    decision             varchar(32)  not null,
    reason               varchar(64)  not null,
    internal_note        text,
    requested_documents  varchar(1000),
    decided_by           varchar(64)  not null,
    decided_at           timestamptz  not null
);
create index review_decision_appeal on review_decision (tracking_number, decided_at);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'rows of % are facts and cannot be changed or deleted', tg_table_name;
end
$$;
create trigger review_decision_is_append_only before update or delete on review_decision
    for each row execute function refuse_change();

-- every instruction handed to the wallet: the exact body signed and sent (the same on every retry), its
-- idempotency key, and the wallet's answers
create table wallet_instruction (
    idempotency_key   uuid         primary key,
    tracking_number   varchar(32)  not null references appeal,
    account_id        varchar(64)  not null,
    kind              varchar(24)  not null,  -- DECISION, BREACH_GRANT
    decision_id       uuid         unique references review_decision,
    access            varchar(16),            -- the least access the account must have after it; null: no change
    body              text         not null,
    created_at        timestamptz  not null,
    attempts          int          not null default 0,
    last_status       int,
    last_error        varchar(500),
    last_attempt_at   timestamptz,
    applied_at        timestamptz
);
create index wallet_instruction_appeal on wallet_instruction (tracking_number);
create unique index wallet_instruction_one_breach_grant on wallet_instruction (tracking_number)
    where kind = 'BREACH_GRANT';

-- answers to requests sent with an Idempotency-Key, so a retry gets the original answer and has no second effect
create table idempotent_request (
    scope            varchar(200)  not null,  -- the caller and the endpoint
    idempotency_key  varchar(255)  not null,
    request_hash     char(64)      not null,
    state            varchar(16)   not null,  -- IN_PROGRESS, DONE
    response_status  int,
    response_type    varchar(100),
    response_body    bytea,                    -- encrypted: an intake answer carries the appellant's access token
    created_at       timestamptz   not null,
    primary key (scope, idempotency_key)
);
create index idempotent_request_created on idempotent_request (created_at);
