package com.appealdesk.process;

import java.util.List;

/**
 * The queue tally's tables and triggers ({@link QueueTally}). The triggers run before each row change, so each sees the
 * task as it is before that one change, including the earlier rows of the same statement; a task's contribution moves
 * from its old key to its new one. They only append to {@code appeal_task_tally_change}: no transaction waits for
 * another's count and none can deadlock on one; the compaction folds the changes into {@code appeal_task_tally}. A
 * change to a candidate link first locks its task's row, so two transactions changing the same task's links (or one
 * claiming it) take turns instead of both counting from the same old state.
 */
final class QueueTallySql {

    private QueueTallySql() {
    }

    static final List<String> INSTALL = List.of("""
            create table if not exists appeal_task_tally (
                candidate_groups varchar(255)[] not null,
                proc_def_id varchar(64) not null,
                task_def_key varchar(255) not null,
                tenant_id varchar(64) not null,
                open_tasks bigint not null,
                primary key (candidate_groups, proc_def_id, task_def_key, tenant_id))""",
            """
            create table if not exists appeal_task_tally_change (
                candidate_groups varchar(255)[] not null,
                proc_def_id varchar(64) not null,
                task_def_key varchar(255) not null,
                tenant_id varchar(64) not null,
                delta int not null)""",
            // the candidate groups of a task, distinct and in order: the key of its row in the tally
            """
            create or replace function appeal_task_candidate_groups(p_task varchar) returns varchar[] language sql volatile as $$
                select coalesce(array_agg(distinct GROUP_ID_ order by GROUP_ID_), '{}') from ACT_RU_IDENTITYLINK
                where TASK_ID_ = p_task and TYPE_ = 'candidate' and GROUP_ID_ is not null
            $$""",
            """
            create or replace function appeal_task_tally_add(p_groups varchar[], p_proc varchar, p_key varchar,
                    p_tenant varchar, p_delta int) returns void language sql volatile as $$
                insert into appeal_task_tally_change values (p_groups, coalesce(p_proc, ''), coalesce(p_key, ''),
                    coalesce(p_tenant, ''), p_delta)
            $$""",
            // a task inserted, deleted, claimed, unclaimed, moved to another definition or tenant
            """
            create or replace function appeal_task_tally_task() returns trigger language plpgsql volatile as $$
            declare
                v_groups varchar[] := appeal_task_candidate_groups(coalesce(NEW.ID_, OLD.ID_));
            begin
                if cardinality(v_groups) > 0 then
                    if TG_OP <> 'INSERT' and OLD.ASSIGNEE_ is null then
                        perform appeal_task_tally_add(v_groups, OLD.PROC_DEF_ID_, OLD.TASK_DEF_KEY_, OLD.TENANT_ID_, -1);
                    end if;
                    if TG_OP <> 'DELETE' and NEW.ASSIGNEE_ is null then
                        perform appeal_task_tally_add(v_groups, NEW.PROC_DEF_ID_, NEW.TASK_DEF_KEY_, NEW.TENANT_ID_, 1);
                    end if;
                end if;
                return coalesce(NEW, OLD);
            end
            $$""",
            // a candidate link added to or removed from a task (or, never done by the engine, changed)
            """
            create or replace function appeal_task_tally_link() returns trigger language plpgsql volatile as $$
            declare
                v_task varchar := coalesce(NEW.TASK_ID_, OLD.TASK_ID_);
                v_before varchar[];
                v_after varchar[];
                t record;
            begin
                if TG_OP = 'UPDATE' and OLD.TASK_ID_ is distinct from NEW.TASK_ID_ then
                    raise exception 'a candidate link cannot move to another task';
                end if;
                select ASSIGNEE_, PROC_DEF_ID_, TASK_DEF_KEY_, TENANT_ID_ into t from ACT_RU_TASK where ID_ = v_task for no key update;
                if not found or t.ASSIGNEE_ is not null then
                    return coalesce(NEW, OLD);
                end if;
                v_before := appeal_task_candidate_groups(v_task);
                v_after := v_before;
                if TG_OP <> 'INSERT' and OLD.TYPE_ = 'candidate' and OLD.GROUP_ID_ is not null and not exists (
                        select 1 from ACT_RU_IDENTITYLINK where TASK_ID_ = v_task and TYPE_ = 'candidate'
                        and GROUP_ID_ = OLD.GROUP_ID_ and ID_ <> OLD.ID_) then
                    v_after := array_remove(v_after, OLD.GROUP_ID_);
                end if;
                if TG_OP <> 'DELETE' and NEW.TYPE_ = 'candidate' and NEW.GROUP_ID_ is not null
                        and not NEW.GROUP_ID_ = any(v_after) then
                    v_after := array(select g from unnest(v_after || NEW.GROUP_ID_) g order by g);
                end if;
                if v_before <> v_after then
                    if cardinality(v_before) > 0 then
                        perform appeal_task_tally_add(v_before, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.TENANT_ID_, -1);
                    end if;
                    if cardinality(v_after) > 0 then
                        perform appeal_task_tally_add(v_after, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.TENANT_ID_, 1);
                    end if;
                end if;
                return coalesce(NEW, OLD);
            end
            $$""",
            "drop trigger if exists appeal_task_tally_task on ACT_RU_TASK",
            """
            create trigger appeal_task_tally_task before insert or delete on ACT_RU_TASK
            for each row execute function appeal_task_tally_task()""",
            "drop trigger if exists appeal_task_tally_task_change on ACT_RU_TASK",
            """
            create trigger appeal_task_tally_task_change before update on ACT_RU_TASK for each row
            when ((OLD.ASSIGNEE_ is null) <> (NEW.ASSIGNEE_ is null) or OLD.PROC_DEF_ID_ is distinct from NEW.PROC_DEF_ID_
                or OLD.TASK_DEF_KEY_ is distinct from NEW.TASK_DEF_KEY_ or OLD.TENANT_ID_ is distinct from NEW.TENANT_ID_)
            execute function appeal_task_tally_task()""",
            "drop trigger if exists appeal_task_tally_link on ACT_RU_IDENTITYLINK",
            """
            create trigger appeal_task_tally_link before insert on ACT_RU_IDENTITYLINK for each row
            when (NEW.TASK_ID_ is not null) execute function appeal_task_tally_link()""",
            "drop trigger if exists appeal_task_tally_unlink on ACT_RU_IDENTITYLINK",
            """
            create trigger appeal_task_tally_unlink before delete on ACT_RU_IDENTITYLINK for each row
            when (OLD.TASK_ID_ is not null) execute function appeal_task_tally_link()""",
            "drop trigger if exists appeal_task_tally_link_change on ACT_RU_IDENTITYLINK",
            """
            create trigger appeal_task_tally_link_change before update on ACT_RU_IDENTITYLINK for each row
            when (OLD.TASK_ID_ is distinct from NEW.TASK_ID_ or OLD.TYPE_ is distinct from NEW.TYPE_
                or OLD.GROUP_ID_ is distinct from NEW.GROUP_ID_) execute function appeal_task_tally_link()""");

    /** Every unassigned task with candidate groups, counted into its row. */
    static final String REBUILD = """
            insert into appeal_task_tally
            select groups, coalesce(PROC_DEF_ID_, ''), coalesce(TASK_DEF_KEY_, ''), coalesce(TENANT_ID_, ''), count(*)
            from (select t.ID_, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.TENANT_ID_,
                    array_agg(distinct i.GROUP_ID_ order by i.GROUP_ID_) as groups
                from ACT_RU_TASK t join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_
                where t.ASSIGNEE_ is null and i.TYPE_ = 'candidate' and i.GROUP_ID_ is not null
                group by t.ID_, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.TENANT_ID_) tasks
            group by 1, 2, 3, 4""";

    /** The changes committed so far, folded into the tally in one transaction: a reader sees them on one side, not both. */
    static final String COMPACT = """
            with moved as (delete from appeal_task_tally_change returning *)
            insert into appeal_task_tally
            select candidate_groups, proc_def_id, task_def_key, tenant_id, sum(delta) from moved group by 1, 2, 3, 4
            on conflict (candidate_groups, proc_def_id, task_def_key, tenant_id)
            do update set open_tasks = appeal_task_tally.open_tasks + excluded.open_tasks""";

    /** Open tasks per definition key and tenant for some candidate groups (and a task definition), changes included. */
    static final String SUMS = """
            select d.KEY_, t.tenant_id, sum(t.open_tasks) from (
                select candidate_groups, proc_def_id, task_def_key, tenant_id, open_tasks from appeal_task_tally
                union all
                select candidate_groups, proc_def_id, task_def_key, tenant_id, delta from appeal_task_tally_change) t
            left join ACT_RE_PROCDEF d on d.ID_ = t.proc_def_id
            where t.candidate_groups && ? and (cast(? as varchar) is null or t.task_def_key = ?)
            group by d.KEY_, t.tenant_id""";

    static final List<String> UNINSTALL = List.of(
            "drop trigger if exists appeal_task_tally_task on ACT_RU_TASK",
            "drop trigger if exists appeal_task_tally_task_change on ACT_RU_TASK",
            "drop trigger if exists appeal_task_tally_link on ACT_RU_IDENTITYLINK",
            "drop trigger if exists appeal_task_tally_unlink on ACT_RU_IDENTITYLINK",
            "drop trigger if exists appeal_task_tally_link_change on ACT_RU_IDENTITYLINK",
            "drop table if exists appeal_task_tally",
            "drop table if exists appeal_task_tally_change");
}
