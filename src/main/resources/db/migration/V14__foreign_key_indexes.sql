-- Every foreign key has an index on its own side. Without one, PostgreSQL checks the key by reading the whole table:
-- erasing a document (its views keep their row, the link is set to null) read every view of every document ever
-- recorded, once per document; an account's restriction history was read by scanning every account's changes.
-- Not built concurrently: such a build waits for every transaction already open, and during start-up one stays open
-- (a test run hung). Writes to these two tables
-- wait while they build; on a large database, build them beforehand with CREATE INDEX CONCURRENTLY and the same
-- names, and this migration leaves them as they are.
create index if not exists document_view_document on document_view (document_id) where document_id is not null;
create index if not exists account_restriction_change_account on account_restriction_change (account_id, id);
