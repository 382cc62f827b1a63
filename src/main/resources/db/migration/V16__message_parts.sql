-- Each part of a message a channel accepted, by the channel's reference for it (an SMS gateway's message id), and
-- each delivery receipt that came for a reference before its part was recorded.
-- A delivery receipt finds its message through this table's key; it read every SMS ever sent to split their
-- references. The parts accepted before an attempt failed are known, so the next attempt sends only the rest (a long
-- SMS whose second part failed sent its first part again). A text of many parts no longer overflows the 128
-- characters of message.remote_ref, which kept the send from being recorded, so it was sent again and again. A
-- receipt that overtook the record of its send (or names a part whose sender died before recording it) was refused as
-- a temporary error, so the gateway delivered it again and again; it is now kept here (message_id null) and joined to
-- its message when the part is recorded. The part and the receipt meet on this key, whichever comes first.
create table message_part (
    channel        varchar(16) not null,
    remote_ref     text        not null,
    message_id     bigint      references message (id) on delete cascade,
    part           int,
    accepted_at    timestamptz,
    receipt_status varchar(32),
    received_at    timestamptz,
    primary key (channel, remote_ref)
);
create index message_part_message on message_part (message_id);
create index message_part_unmatched on message_part (received_at) where message_id is null;

insert into message_part (channel, remote_ref, message_id, part, accepted_at)
select m.channel, ref.remote_ref, m.id, ref.part::int, coalesce(m.sent_at, m.created_at)
from message m, unnest(string_to_array(m.remote_ref, ',')) with ordinality as ref (remote_ref, part)
where m.channel = 'SMS' and m.remote_ref is not null and ref.remote_ref <> ''
on conflict do nothing;

alter table message alter column remote_ref type text;
drop index message_remote_ref;
