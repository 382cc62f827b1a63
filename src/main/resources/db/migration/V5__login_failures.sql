-- failed staff logins (HTTP Basic or the webapps' login form), per client address, for the login throttle
create table login_failure (
    id           bigserial     primary key,
    remote_addr  varchar(64)   not null,
    claimed_user varchar(64),
    failed_at    timestamptz   not null
);
create index login_failure_remote on login_failure (remote_addr, failed_at);
