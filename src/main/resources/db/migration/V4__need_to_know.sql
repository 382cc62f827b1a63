-- Issue 8: every refused request is recorded (who, what, when, from where), whatever refused it
create table refusal (
    id           bigserial     primary key,
    occurred_at  timestamptz   not null,
    who          varchar(100),             -- staff user, service client, or null when no credential was valid
    method       varchar(10)   not null,
    path         varchar(500)  not null,
    status       int           not null,
    reason       varchar(300),
    remote_addr  varchar(64)   not null
);
create index refusal_occurred on refusal (occurred_at);
create index refusal_remote on refusal (remote_addr, occurred_at);

-- what staff did outside the engine (a supervisor's hold on the breach exit), with why and from where
create table staff_action (
    id               bigserial     primary key,
    tracking_number  varchar(32)   not null references appeal,
    action           varchar(40)   not null,
    detail           varchar(500),
    acted_by         varchar(64)   not null,
    remote_addr      varchar(64),
    acted_at         timestamptz   not null
);
create index staff_action_appeal on staff_action (tracking_number);

-- why someone who does not work the case (an auditor) opened a document
alter table document_view add column purpose varchar(300);

-- uploads are re-encoded (images) before they are stored: the hash of the file as the appellant sent it is kept too
alter table document add column received_sha256 char(64);
