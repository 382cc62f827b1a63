package com.appealdesk.notification.sms;

import com.appealdesk.appeal.Appeal;
import com.appealdesk.notification.DeliveryReceipts;
import com.appealdesk.notification.OutboundChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS over SMPP 3.4 (jSMPP): one transceiver session to the gateway, bound on first use and bound again after it
 * dropped, so delivery receipts come back on it. Each text goes out as GSM 03.38 when it fits that alphabet and as
 * UCS-2 otherwise (Chinese), split into concatenated parts when long ({@link SmsText}); every part asks for a
 * delivery receipt and carries the low 16 bits of our message id as {@code user_message_reference}, and the parts'
 * concatenation reference is derived from the id too, so a part sent twice after a crash is the same part.
 * Connecting, binding and each submit have their own timeouts; any failure drops the session.
 */
public class SmppChannel implements OutboundChannel, AutoCloseable {

    public static final String NAME = "SMS";

    private static final Logger log = LoggerFactory.getLogger(SmppChannel.class);

    private final String host;
    private final int port;
    private final SmsProperties properties;
    private final DeliveryReceipts receipts;
    private SMPPSession session;

    public SmppChannel(String host, int port, SmsProperties properties, DeliveryReceipts receipts) {
        this.host = host;
        this.port = port;
        this.properties = properties;
        this.receipts = receipts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean shortText() {
        return true;
    }

    @Override
    public boolean receiptsByPart() {
        return true;
    }

    @Override
    public Optional<String> recipient(Appeal appeal) {
        return Optional.ofNullable(appeal.phone()).filter(phone -> !phone.isBlank());
    }

    /**
     * Submits the parts an earlier attempt did not get accepted. When a part fails after others were accepted, the
     * accepted ones are reported ({@link PartlyDelivered}), so the next attempt does not send them again: the handset
     * would show them twice. The parts keep their concatenation reference and numbers across attempts, so the
     * handset puts them together as one text.
     */
    @Override
    public String send(Outgoing message) {
        String destination = address(message.recipient());
        SmsText text = SmsText.of(message.body(), (int) (message.id() & 0xFF));
        Map<Integer, String> accepted = new TreeMap<>(message.partsAccepted());
        accepted.keySet().retainAll(IntStream.rangeClosed(1, text.parts().size()).boxed().toList());
        SMPPSession bound = null;
        try {
            for (int number = 1; number <= text.parts().size(); number++) {
                if (accepted.containsKey(number)) {
                    continue;
                }
                if (bound == null) {
                    bound = session();
                }
                accepted.put(number, bound.submitShortMessage("", sourceTon(), sourceNpi(), properties.sourceAddress(),
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                        new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                                text.concatenated() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT),
                        (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                        (byte) 0, new GeneralDataCoding(text.gsm() ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2),
                        (byte) 0, text.parts().get(number - 1),
                        new OptionalParameter.User_message_reference((short) message.id())).getMessageId());
            }
        } catch (NegativeResponseException e) {
            throw failed(accepted, "SMS gateway refused " + partOf(accepted, text) + " to "
                    + message.recipient() + " (command status 0x" + Integer.toHexString(e.getCommandStatus()) + ")", e);
        } catch (ResponseTimeoutException | IOException | InvalidResponseException e) {
            drop(bound);
            throw failed(accepted, "SMS gateway " + host + ":" + port + " did not answer for "
                    + partOf(accepted, text) + ": " + e.getMessage(), e);
        } catch (PDUException e) {
            throw new IllegalArgumentException("the message cannot be put into an SMPP submit: " + e.getMessage(), e);
        }
        return String.join(",", accepted.values());
    }

    private static String partOf(Map<Integer, String> accepted, SmsText text) {
        if (text.parts().size() == 1) {
            return "the message";
        }
        int failed = IntStream.rangeClosed(1, text.parts().size()).filter(number -> !accepted.containsKey(number))
                .findFirst().orElse(text.parts().size());
        return "part " + failed + " of " + text.parts().size();
    }

    private static DeliveryFailed failed(Map<Integer, String> accepted, String reason, Exception cause) {
        return accepted.isEmpty() ? new DeliveryFailed(reason, cause)
                : new PartlyDelivered(reason, cause, accepted);
    }

    /** An international number as SMPP carries it: digits only, at most 20 of them. */
    static String address(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 5 || digits.length() > 20) {
            throw new IllegalArgumentException("'" + phone + "' is not a number an SMS gateway accepts (5 to 20 digits)");
        }
        return digits;
    }

    private TypeOfNumber sourceTon() {
        return properties.sourceAddress().matches("[0-9]+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
    }

    private NumberingPlanIndicator sourceNpi() {
        return properties.sourceAddress().matches("[0-9]+") ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
    }

    private synchronized SMPPSession session() {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        drop(session);
        int connectTimeout = (int) properties.connectTimeout().toMillis();
        SMPPSession fresh = new SMPPSession((connectHost, connectPort) -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(connectHost, connectPort), connectTimeout);
            return new SocketConnection(socket);
        });
        fresh.setTransactionTimer(properties.responseTimeout().toMillis());
        fresh.setEnquireLinkTimer((int) properties.enquireLink().toMillis());
        fresh.setMessageReceiverListener(new Receipts());
        try {
            fresh.connectAndBind(host, port, new BindParameter(BindType.BIND_TRX, properties.systemId(),
                    properties.password(), "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), connectTimeout);
        } catch (IOException e) {
            fresh.close();
            throw new DeliveryFailed("cannot bind to the SMS gateway " + host + ":" + port + ": " + e.getMessage(), e);
        }
        session = fresh;
        return fresh;
    }

    private synchronized void drop(SMPPSession stale) {
        if (stale != null) {
            stale.close();
        }
        if (session == stale) {
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    /** Delivery receipts from the gateway, recorded against the message whose part they name. */
    private final class Receipts implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                return; // a reply from a handset: Appeal Desk takes no SMS input
            }
            try {
                DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                receipts.record(NAME, receipt.getId(), receipt.getFinalStatus().name());
            } catch (InvalidDeliveryReceiptException e) {
                log.warn("Unreadable SMS delivery receipt ignored: {}", e.getMessage());
            } catch (RuntimeException e) {
                // not recorded (database unavailable?): a system error asks the gateway to deliver the receipt again
                throw new ProcessRequestException("the receipt could not be recorded: " + e.getMessage(), 0x08, e);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not accepted", 0x03);
        }
    }
}
