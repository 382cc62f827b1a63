package com.appealdesk.system.embedded;

import com.appealdesk.notification.sms.SmsText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.RandomMessageIDGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMS gateway (SMSC) in process for development and the tests, speaking real SMPP 3.4 (jSMPP's server side):
 * it accepts any bind, decodes every submitted part as a handset would (GSM 03.38 or UCS-2, concatenation header),
 * puts long texts back together, logs each complete text and keeps it to be read back, and sends a delivery receipt
 * for each part (again, if the receipt is not taken at first). Tests make it refuse numbers, or stop and start it.
 */
public class EmbeddedSmsGateway {

    /** ESME_RSUBMITFAIL: what a gateway answers when it will not take a message now */
    public static final int SUBMIT_FAILED = 0x45;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmsGateway.class);

    /** One submitted part as received. */
    public record Part(String destination, byte dataCoding, SmsText.Part decoded, Integer userMessageReference,
            String messageId) {
    }

    /** A whole text as the handset shows it, once all its parts arrived. */
    public record Delivered(String destination, String text, int parts, Integer userMessageReference) {
    }

    public final List<Part> parts = new CopyOnWriteArrayList<>();
    public final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    /** numbers (digits, as submitted) this gateway refuses with {@link #SUBMIT_FAILED} */
    public final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** parts of long texts this gateway refuses, as {@code number#part} (the part's sequence number, from 1) */
    public final Set<String> refusedParts = ConcurrentHashMap.newKeySet();
    /** receipts (by message id) the application did not take at some attempt */
    public final List<String> receiptsNotTaken = new CopyOnWriteArrayList<>();

    private final Map<String, Map<Integer, String>> assembling = new ConcurrentHashMap<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-sms-receipts");
        thread.setDaemon(true);
        return thread;
    });
    private int port;
    private volatile SMPPServerSessionListener listener;

    public EmbeddedSmsGateway(int port) {
        this.port = port;
    }

    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        port = FreePorts.freeIfZero(port);
        SMPPServerSessionListener server = new SMPPServerSessionListener(port);
        server.setMessageReceiverListener(new Receiver());
        listener = server;
        Thread acceptor = new Thread(() -> accept(server), "embedded-sms-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The gateway disappears: the port is closed and every bound session dropped. */
    public synchronized void stop() {
        SMPPServerSessionListener server = listener;
        listener = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.debug("closing the embedded SMS gateway: {}", e.getMessage());
            }
        }
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
    }

    /** Stops it for good, with its receipt thread (the bean's end). */
    public void shutdown() {
        stop();
        receipts.shutdownNow();
    }

    public int port() {
        return port;
    }

    private void accept(SMPPServerSessionListener server) {
        while (listener == server) {
            try {
                SMPPServerSession session = server.accept();
                sessions.add(session);
                BindRequest bind = session.waitForBind(5_000);
                bind.accept("dev-smsc"); // a system_id has at most 16 characters
            } catch (Exception e) {
                if (listener == server) {
                    log.warn("embedded SMS gateway: a bind failed: {}", e.toString());
                }
            }
        }
    }

    private SubmitSmResult received(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        if (refused.contains(submit.getDestAddress())) {
            throw new ProcessRequestException("refused by the embedded gateway", SUBMIT_FAILED);
        }
        SmsText.Part decoded = SmsText.decode(submit.getShortMessage(), submit.isUdhi(), submit.getDataCoding());
        if (refusedParts.contains(submit.getDestAddress() + "#" + decoded.sequence())) {
            throw new ProcessRequestException("part refused by the embedded gateway", SUBMIT_FAILED);
        }
        OptionalParameter.Short reference = submit.getOptionalParameter(OptionalParameter.User_message_reference.class);
        Integer userReference = reference == null ? null : Short.toUnsignedInt(reference.getValue());
        MessageId messageId = ids.newMessageId();
        parts.add(new Part(submit.getDestAddress(), submit.getDataCoding(), decoded, userReference, messageId.getValue()));
        String key = submit.getDestAddress() + "/" + decoded.reference() + "/" + decoded.total();
        Map<Integer, String> sofar = assembling.computeIfAbsent(key, k -> new TreeMap<>());
        synchronized (sofar) {
            sofar.put(decoded.sequence(), decoded.text());
            if (sofar.size() == decoded.total()) {
                String text = String.join("", sofar.values());
                assembling.remove(key);
                delivered.add(new Delivered(submit.getDestAddress(), text, decoded.total(), userReference));
                log.info("Embedded SMS gateway delivered to {} ({} part(s)): {}", submit.getDestAddress(), decoded.total(), text);
            }
        }
        if (SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(submit.getRegisteredDelivery())
                || SMSCDeliveryReceipt.SUCCESS.containedIn(submit.getRegisteredDelivery())) {
            Date now = new Date();
            DeliveryReceipt receipt = new DeliveryReceipt(messageId.getValue(), 1, 1, now, now, DeliveryReceiptState.DELIVRD,
                    "000", "");
            receipts.schedule(() -> sendReceipt(session, submit, receipt, 1), 200, TimeUnit.MILLISECONDS);
        }
        return new SubmitSmResult(messageId, new OptionalParameter[0]);
    }

    /**
     * Sends a delivery receipt for a message id this gateway may never have given out (as after a restart of its
     * own, or for a part whose sender died before recording it) on the first bound session, with the same retries.
     */
    public void sendReceipt(String destination, String messageId, DeliveryReceiptState state) {
        SMPPServerSession session = sessions.stream().filter(bound -> bound.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session is bound to the embedded SMS gateway"));
        SubmitSm submit = new SubmitSm();
        submit.setDestAddress(destination);
        submit.setSourceAddrTon(TypeOfNumber.ALPHANUMERIC.value());
        submit.setSourceAddrNpi(NumberingPlanIndicator.UNKNOWN.value());
        submit.setSourceAddr("AppealDesk");
        Date now = new Date();
        DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, now, now,
                state, "000", "");
        receipts.execute(() -> sendReceipt(session, submit, receipt, 1));
    }

    private void sendReceipt(SMPPServerSession session, SubmitSm submit, DeliveryReceipt receipt, int attempt) {
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, submit.getDestAddress(),
                    TypeOfNumber.valueOf(submit.getSourceAddrTon()), NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()),
                    submit.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(),
                    receipt.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            receiptsNotTaken.add(receipt.getId());
            log.info("embedded SMS gateway: receipt {} not taken (attempt {}): {}", receipt.getId(), attempt, e.toString());
            if (attempt < 10 && session.getSessionState().isBound()) {
                receipts.schedule(() -> sendReceipt(session, submit, receipt, attempt + 1), 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            return received(submitSm, source);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported();
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported by the embedded gateway", 0x03);
        }
    }
}
