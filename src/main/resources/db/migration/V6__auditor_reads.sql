-- Issue 8: every auditor view through the engine API (Cockpit, /engine-rest) is recorded, with its purpose when given
create table auditor_read (
    id           bigserial     primary key,
    read_at      timestamptz   not null,
    auditor      varchar(64)   not null,
    method       varchar(10)   not null,
    path         varchar(500)  not null,
    status       int           not null,
    purpose      varchar(300),
    remote_addr  varchar(64)   not null
);
create index auditor_read_at on auditor_read (read_at);
create index auditor_read_auditor on auditor_read (auditor, read_at);
