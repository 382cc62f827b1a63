-- No process variable holds the appellant's name any more: staff read it on a page of its own (the review form links
-- to it), under the same rules as the documents, and every view is recorded like a document view.
create table appellant_view (
    id               bigserial    primary key,
    tracking_number  varchar(32)  not null references appeal,
    viewed_by        varchar(64)  not null,
    viewed_at        timestamptz  not null,
    purpose          varchar(300)
);
create index appellant_view_appeal on appellant_view (tracking_number);
