-- The retention run deletes, after a year, the refused calls of strangers that concern no appeal; this finds them
-- without walking the appeals' refusals, which stay.
create index refusal_unattributed on refusal (occurred_at) where tracking_number is null;
