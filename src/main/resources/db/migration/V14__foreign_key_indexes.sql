-- Every foreign key has an index on its own side. Without one, PostgreSQL checks the key by reading the whole table:
-- erasing a document (its views keep their row, the link is set to null) read every view of every document ever
-- recorded, once per document; an account's restriction history was read by scanning every account's changes.
create index document_view_document on document_view (document_id) where document_id is not null;
create index account_restriction_change_account on account_restriction_change (account_id, id);
