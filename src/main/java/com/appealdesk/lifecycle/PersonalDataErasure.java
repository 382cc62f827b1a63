package com.appealdesk.lifecycle;

import com.appealdesk.data.TransactionReads;
import com.appealdesk.document.DocumentStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases one closed appeal's personal data, in every table that held it and in the engine's history, and keeps its
 * facts: the appellant's name, contact details and account id, the documents (rows here, objects in the store after
 * the commit; one the store keeps is removed by the {@link OrphanSweep}), message recipients and texts, staff free
 * text about the person (internal notes, waiver and confirmation notes, commitment texts, the rating's comment, the
 * quality reviewer's findings) and the signed instructions' bodies. What remains (dates, decisions and their reason
 * codes, who did what, views, the promise and its ledger, delivery results) is the timeline without the person.
 */
@Service
public class PersonalDataErasure {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataErasure.class);
    static final String ERASED = "(erased)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DocumentStore store;
    private final EngineHistoryErasure history;

    PersonalDataErasure(JdbcClient jdbc, TransactionTemplate transactions, DocumentStore store, EngineHistoryErasure history) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.history = history;
    }

    /** Erases the appeal unless it is held, already erased, or gone; true when it was erased now. */
    public boolean erase(String trackingNumber) {
        List<String> objects = transactions.execute(status -> eraseRows(trackingNumber));
        if (objects == null) {
            return false;
        }
        for (String key : objects) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                log.warn("Erased appeal {}: object {} stays until the orphan sweep: {}", trackingNumber, key, e.toString());
            }
        }
        log.info("Erased the personal data of appeal {} ({} documents)", trackingNumber, objects.size());
        return true;
    }

    private List<String> eraseRows(String trackingNumber) {
        boolean erasable = !jdbc.sql("""
                select tracking_number from appeal_desk.appeal where tracking_number = ? and legal_hold_at is null
                  and personal_data_erased_at is null and closed_at is not null for update skip locked""")
                .param(trackingNumber).query(String.class).list().isEmpty();
        if (!erasable) {
            return null;
        }
        // rows this transaction may have read before are read again after these writes
        TransactionReads.forgetAll();
        // the one change the decision record allows (its internal note), for this transaction only
        jdbc.sql("select set_config('appeal_desk.erasure', 'on', true)").query().listOfRows();
        List<String> objects = jdbc.sql("select object_key from appeal_desk.document where tracking_number = ?")
                .param(trackingNumber).query(String.class).list();
        jdbc.sql("update appeal_desk.checklist_item set received_document_id = null where tracking_number = ?").param(trackingNumber).update();
        jdbc.sql("delete from appeal_desk.document where tracking_number = ?").param(trackingNumber).update();
        jdbc.sql("""
                update appeal_desk.appeal set full_name = ?, email = null, phone = null, time_zone = null,
                       account_id = 'erased:' || tracking_number, personal_data_erased_at = now() where tracking_number = ?""")
                .params(ERASED, trackingNumber).update();
        // a failed delivery's error names its recipient ("e-mail to ... failed")
        jdbc.sql("update appeal_desk.message set recipient = null, subject = '', body = '', last_error = case when last_error is null then null else ? end where tracking_number = ?")
                .params(ERASED, trackingNumber).update();
        jdbc.sql("update appeal_desk.review_decision set internal_note = null where tracking_number = ? and internal_note is not null")
                .param(trackingNumber).update();
        jdbc.sql("""
                update appeal_desk.decision_waiver set reason = ? where decision_id in (
                    select id from appeal_desk.review_decision where tracking_number = ?)""").params(ERASED, trackingNumber).update();
        jdbc.sql("update appeal_desk.decision_confirmation set note = null where tracking_number = ?").param(trackingNumber).update();
        jdbc.sql("update appeal_desk.commitment set text = ?, close_reason = null where tracking_number = ?")
                .params(ERASED, trackingNumber).update();
        jdbc.sql("update appeal_desk.satisfaction_rating set comment = null where tracking_number = ?").param(trackingNumber).update();
        jdbc.sql("update appeal_desk.quality_review set findings = null where tracking_number = ?").param(trackingNumber).update();
        jdbc.sql("update appeal_desk.staff_action set detail = null where tracking_number = ?").param(trackingNumber).update();
        // the wallet's answer to a refused instruction may repeat what the body said
        jdbc.sql("""
                update appeal_desk.wallet_instruction set account_id = 'erased', body = '{}',
                       last_error = case when last_error is null then null else ? end where tracking_number = ?""")
                .params(ERASED, trackingNumber).update();
        // why staff opened the documents or the name: free text that may name the person; who, when and what stay
        jdbc.sql("update appeal_desk.document_view set purpose = ? where tracking_number = ? and purpose is not null")
                .params(ERASED, trackingNumber).update();
        jdbc.sql("update appeal_desk.appellant_view set purpose = ? where tracking_number = ? and purpose is not null")
                .params(ERASED, trackingNumber).update();
        // a refused call without credentials on this appeal came from the appellant, or someone with their tracking
        // number: its address is theirs; a refused call's query may carry staff's stated purpose
        jdbc.sql("""
                update appeal_desk.refusal set remote_addr = case when who is null then 'erased' else remote_addr end,
                       path = split_part(path, '?', 1)
                where tracking_number = ? and (who is null or strpos(path, '?') > 0)""").param(trackingNumber).update();
        history.erase(trackingNumber);
        return objects;
    }
}
