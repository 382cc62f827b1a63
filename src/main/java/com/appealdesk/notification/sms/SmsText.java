package com.appealdesk.notification.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text as an SMS carries it: GSM 03.38 (7-bit default alphabet, one septet per byte as SMPP sends it) when every
 * character is in that alphabet or its extension table, UCS-2 otherwise (Chinese always). A text longer than one SMS
 * is split into parts of 153 septets (GSM) or 67 UTF-16 units (UCS-2), each carrying a concatenation header, and a
 * part never ends inside a character: neither between an escape and its extension character nor between the two
 * halves of a surrogate pair (an emoji).
 */
public record SmsText(boolean gsm, List<byte[]> parts) {

    public static final int GSM_SINGLE = 160;
    public static final int GSM_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    /** GSM 03.38 basic table, by septet value; 0x1B is the escape to the extension table. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** @param reference the concatenation reference shared by all parts (0..255) */
    public static SmsText of(String text, int reference) {
        List<byte[]> septets = gsmCharacters(text);
        if (septets != null) {
            return new SmsText(true, split(septets, GSM_SINGLE, GSM_PART, 1, reference));
        }
        List<byte[]> units = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            units.add(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_16BE));
            i += Character.charCount(codePoint);
        }
        return new SmsText(false, split(units, UCS2_SINGLE, UCS2_PART, 2, reference));
    }

    /** The septets of each character (one, or two with the escape), or null when a character is not in GSM 03.38. */
    private static List<byte[]> gsmCharacters(String text) {
        List<byte[]> characters = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == '\u001b' ? -1 : BASIC.indexOf(c);
            int extension = EXTENSION_CHARS.indexOf(c);
            if (basic >= 0) {
                characters.add(new byte[] {(byte) basic});
            } else if (extension >= 0) {
                characters.add(new byte[] {0x1B, EXTENSION_CODES[extension]});
            } else {
                return null;
            }
        }
        return characters;
    }

    /** One received part as a gateway reads it: the concatenation header (if any) and the decoded text. */
    public record Part(int reference, int total, int sequence, String text) {
    }

    /** Decodes one short message as sent: data coding 0 is GSM 03.38 (one septet per byte), 8 is UCS-2. */
    public static Part decode(byte[] shortMessage, boolean hasHeader, byte dataCoding) {
        int offset = 0;
        int reference = 0;
        int total = 1;
        int sequence = 1;
        if (hasHeader) {
            int headerLength = shortMessage[0] & 0xFF;
            for (int i = 1; i + 1 < headerLength + 1; ) {
                int element = shortMessage[i] & 0xFF;
                int length = shortMessage[i + 1] & 0xFF;
                if (element == 0x00 && length == 3) {
                    reference = shortMessage[i + 2] & 0xFF;
                    total = shortMessage[i + 3] & 0xFF;
                    sequence = shortMessage[i + 4] & 0xFF;
                }
                i += 2 + length;
            }
            offset = headerLength + 1;
        }
        byte[] body = Arrays.copyOfRange(shortMessage, offset, shortMessage.length);
        String text = (dataCoding & 0x0F) == 0x08 ? new String(body, StandardCharsets.UTF_16BE) : decodeGsm(body);
        return new Part(reference, total, sequence, text);
    }

    /** Reads GSM septets back (one per byte), as a gateway would. */
    public static String decodeGsm(byte[] septets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < septets.length; i++) {
            if (septets[i] == 0x1B && i + 1 < septets.length) {
                byte code = septets[++i];
                for (int e = 0; e < EXTENSION_CODES.length; e++) {
                    if (EXTENSION_CODES[e] == code) {
                        text.append(EXTENSION_CHARS.charAt(e));
                    }
                }
            } else {
                text.append(BASIC.charAt(septets[i] & 0x7F));
            }
        }
        return text.toString();
    }

    /**
     * One SMS when the whole text fits {@code single}, otherwise parts of at most {@code perPart} units, cut only
     * between characters. {@code unitBytes} is the size of one unit: a septet (1 byte) or a UTF-16 unit (2 bytes).
     */
    private static List<byte[]> split(List<byte[]> characters, int single, int perPart, int unitBytes, int reference) {
        int total = characters.stream().mapToInt(c -> c.length / unitBytes).sum();
        if (total <= single) {
            return List.of(join(characters, 0, characters.size()));
        }
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        int units = 0;
        for (int i = 0; i < characters.size(); i++) {
            int size = characters.get(i).length / unitBytes;
            if (units + size > perPart) {
                ranges.add(new int[] {start, i});
                start = i;
                units = 0;
            }
            units += size;
        }
        ranges.add(new int[] {start, characters.size()});
        if (ranges.size() > 255) {
            throw new IllegalArgumentException("an SMS text of " + ranges.size() + " parts is longer than concatenation allows (255)");
        }
        List<byte[]> parts = new ArrayList<>();
        for (int p = 0; p < ranges.size(); p++) {
            parts.add(withHeader(join(characters, ranges.get(p)[0], ranges.get(p)[1]), reference, ranges.size(), p + 1));
        }
        return parts;
    }

    private static byte[] join(List<byte[]> characters, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(characters.get(i));
        }
        return out.toByteArray();
    }

    /** User data header for concatenated SMS, 8-bit reference: 05 00 03 ref total sequence. */
    private static byte[] withHeader(byte[] body, int reference, int total, int sequence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence});
        out.writeBytes(body);
        return out.toByteArray();
    }

    public boolean concatenated() {
        return parts.size() > 1;
    }
}
