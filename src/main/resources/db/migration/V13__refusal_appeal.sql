-- A refused request names the appeal it was about, when it was about one, so the appeal's timeline finds it by
-- equality (not by scanning every path) and still finds it after retention has deleted the appeal's documents.
alter table refusal add column tracking_number varchar(32);

update refusal set tracking_number = substring(path from 'AD-[0-9]{8}-[0-9A-Z]{6}')
where path ~ 'AD-[0-9]{8}-[0-9A-Z]{6}';

update refusal r set tracking_number = d.tracking_number
from document d
where r.tracking_number is null
  and d.id::text = substring(r.path from '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}');

create index refusal_tracking_number on refusal (tracking_number, occurred_at) where tracking_number is not null;
