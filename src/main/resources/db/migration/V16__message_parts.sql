-- Each part of a message a channel accepted, by the channel's reference for it (an SMS gateway's message id).
-- A delivery receipt finds its message through the index here; it read every SMS ever sent to split their
-- references. The parts accepted before an attempt failed are known, so the next attempt sends only the rest (a long
-- SMS whose second part failed sent its first part again). And a text of many parts no longer overflows the
-- 128 characters of message.remote_ref, which kept the send from being recorded, so it was sent again and again.
create table message_part (
    channel     varchar(16) not null,
    remote_ref  text        not null,
    message_id  bigint      not null references message (id) on delete cascade,
    part        int         not null,
    accepted_at timestamptz not null default now(),
    primary key (channel, remote_ref, message_id)
);
create index message_part_message on message_part (message_id);

insert into message_part (channel, remote_ref, message_id, part, accepted_at)
select m.channel, ref.remote_ref, m.id, ref.part::int, coalesce(m.sent_at, m.created_at)
from message m, unnest(string_to_array(m.remote_ref, ',')) with ordinality as ref (remote_ref, part)
where m.channel = 'SMS' and m.remote_ref is not null and ref.remote_ref <> ''
on conflict do nothing;

-- A receipt that names no recorded part (it overtook the record of its send, or the node that sent the part died
-- before recording it): kept, and joined to its message when the part is recorded. Such a receipt was refused as a
-- temporary error, so the gateway delivered it again and again until it gave up.
create table unmatched_receipt (
    id          bigserial   primary key,
    channel     varchar(16) not null,
    remote_ref  text        not null,
    status      varchar(32) not null,
    received_at timestamptz not null default now()
);
create index unmatched_receipt_ref on unmatched_receipt (channel, remote_ref);
create index unmatched_receipt_received on unmatched_receipt (received_at);

alter table message alter column remote_ref type text;
drop index message_remote_ref;
