-- Issue 11: an outbox that cannot stall. A batch is claimed (SENDING, with a lease) in one short statement and
-- sent outside any transaction; a claim whose node died before recording the result runs out and is taken again.
-- A message is retried until give_up_at (a day by default); the channel's own reference is kept for receipts.
alter table message
    add column claimed_until   timestamptz,
    add column give_up_at      timestamptz,
    add column remote_ref      varchar(128),
    add column receipt_status  varchar(32),
    add column receipt_at      timestamptz;
update message set give_up_at = created_at + interval '1 day' where status = 'PENDING';
drop index message_pending;
create index message_due on message (next_attempt_at) where status in ('PENDING', 'SENDING');
create index message_remote_ref on message (channel, remote_ref) where remote_ref is not null;
