-- The auditor's desk (issue 12): when an appeal closed, legal holds, the erasure of personal data after the
-- retention period, satisfaction ratings and quality reviews.

alter table appeal add column closed_at timestamptz;
update appeal set closed_at = coalesce(decided_at, updated_at) where status not in ('AWAITING_DOCUMENTS', 'IN_REVIEW');
alter table appeal add column legal_hold_reason varchar(500);
alter table appeal add column legal_hold_by varchar(64);
alter table appeal add column legal_hold_at timestamptz;
alter table appeal add column personal_data_erased_at timestamptz;
create index appeal_closed on appeal (closed_at) where closed_at is not null;
create index appeal_status on appeal (status);
-- reports count decisions in a period, the period export lists the appeals opened in it
create index appeal_decided on appeal (decided_at) where decided_at is not null;
create index appeal_created on appeal (created_at);
create index review_decision_decided on review_decision (decided_at);

-- a view of a document outlives the document: the type is kept with the view, the link goes when the document does
alter table document_view add column document_type varchar(64);
-- where a view came from: the viewer beside the form, a direct download, the appellant page; and the address
alter table document_view add column via varchar(16);
alter table document_view add column remote_addr varchar(64);
alter table appellant_view add column remote_addr varchar(64);
update document_view v set document_type = d.document_type from document d where d.id = v.document_id;
alter table document_view alter column document_id drop not null;
alter table document_view drop constraint document_view_document_id_fkey;
alter table document_view add constraint document_view_document_id_fkey
    foreign key (document_id) references document (id) on delete set null;

-- a decision is a fact; the one change allowed is the erasure of its free text at the end of the retention period,
-- by the erasure job, which says so for its own transaction
create or replace function refuse_change_except_erasure() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and coalesce(current_setting('appeal_desk.erasure', true), '') = 'on'
            and new.internal_note is null
            and (new.id, new.tracking_number, new.task_id, new.decision, new.reason, new.decided_by, new.decided_at)
                = (old.id, old.tracking_number, old.task_id, old.decision, old.reason, old.decided_by, old.decided_at) then
        return new;
    end if;
    raise exception 'rows of % are facts and cannot be changed or deleted', tg_table_name;
end
$$;
drop trigger review_decision_is_append_only on review_decision;
create trigger review_decision_is_append_only before update or delete on review_decision
    for each row execute function refuse_change_except_erasure();

create table satisfaction_rating (
    tracking_number  varchar(32)    primary key references appeal,
    score            int            not null check (score between 1 and 5),
    comment          varchar(1000),
    rated_at         timestamptz    not null
);

create table quality_review (
    id               uuid           primary key,
    tracking_number  varchar(32)    not null unique references appeal,
    sampled_because  varchar(32)    not null,  -- SAMPLE, AUTOMATIC_GRANT, SENT_BACK
    created_at       timestamptz    not null,
    reviewed_by      varchar(64),
    reviewed_at      timestamptz,
    outcome          varchar(16),              -- SOUND, FINDINGS
    checklist        varchar(1000),            -- the items found wanting, comma-separated
    findings         text
);
create index quality_review_reviewed on quality_review (reviewed_at);
