-- Issue 11: the promised date is told in the calendar's zone and in the appellant's own; the zone is given at
-- intake (an IANA id such as America/New_York) or derived from the region of residence when absent.
alter table appeal add column time_zone varchar(64);
