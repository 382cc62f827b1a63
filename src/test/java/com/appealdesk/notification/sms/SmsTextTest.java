package com.appealdesk.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void latinTextWithGsmCharactersIsOneGsmMessageUpTo160Septets() {
        String text = "Appeal Desk: appeal AD-20261204-ABCDEF received. £5 & 100% (é, ü, ñ) @home".repeat(3).substring(0, 160);
        SmsText sms = SmsText.of(text, 7);

        assertThat(sms.gsm()).isTrue();
        assertThat(sms.parts()).hasSize(1);
        assertThat(SmsText.decode(sms.parts().get(0), false, (byte) 0).text()).isEqualTo(text);
    }

    @Test
    void extensionCharactersCountTwiceAndAreNeverCutFromTheirEscape() {
        // 152 septets of 'a', then '€' (escape + code): it does not fit the first part's last septet
        String text = "a".repeat(152) + "€" + "b".repeat(20);
        SmsText sms = SmsText.of(text, 1);

        assertThat(sms.parts()).hasSize(2);
        SmsText.Part first = SmsText.decode(sms.parts().get(0), true, (byte) 0);
        SmsText.Part second = SmsText.decode(sms.parts().get(1), true, (byte) 0);
        assertThat(first.text()).isEqualTo("a".repeat(152));
        assertThat(second.text()).isEqualTo("€" + "b".repeat(20));
        assertThat(sms.parts().get(0)).hasSize(6 + 152);
    }

    @Test
    void longGsmTextIsSplitIn153SeptetPartsNumberedInOrder() {
        String text = "x".repeat(153 * 2 + 10);
        SmsText sms = SmsText.of(text, 200);

        assertThat(sms.parts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            SmsText.Part part = SmsText.decode(sms.parts().get(i), true, (byte) 0);
            assertThat(part.reference()).isEqualTo(200);
            assertThat(part.total()).isEqualTo(3);
            assertThat(part.sequence()).isEqualTo(i + 1);
            assertThat(part.text()).hasSize(i < 2 ? 153 : 10);
        }
    }

    @Test
    void chineseIsUcs2SeventyCharactersInOneMessageSixtySevenPerPart() {
        assertThat(SmsText.of("您".repeat(70), 1).parts()).hasSize(1);
        SmsText sms = SmsText.of("您".repeat(71), 1);

        assertThat(sms.gsm()).isFalse();
        assertThat(sms.parts()).hasSize(2);
        assertThat(SmsText.decode(sms.parts().get(0), true, (byte) 8).text()).isEqualTo("您".repeat(67));
        assertThat(sms.parts().get(0)).hasSize(6 + 67 * 2);
    }

    @Test
    void anEmojiAtAPartBoundaryMovesWholeToTheNextPart() {
        // 66 characters, then an emoji (two UTF-16 units) that would straddle units 67 and 68
        String text = "申".repeat(66) + "😀" + "訴".repeat(10);
        SmsText sms = SmsText.of(text, 9);

        List<String> parts = sms.parts().stream().map(part -> SmsText.decode(part, true, (byte) 8).text()).toList();
        assertThat(parts).containsExactly("申".repeat(66), "😀" + "訴".repeat(10));
        assertThat(String.join("", parts)).isEqualTo(text);
        for (String part : parts) {
            assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        }
    }

    @Test
    void oneCharacterOutsideGsmMakesTheWholeTextUcs2() {
        SmsText sms = SmsText.of("Appeal Desk: thanks – see you", 1);

        assertThat(sms.gsm()).as("the en dash is not in GSM 03.38").isFalse();
        assertThat(new String(sms.parts().get(0), StandardCharsets.UTF_16BE)).isEqualTo("Appeal Desk: thanks – see you");
    }

    @Test
    void aTextBeyond255PartsIsRefused() {
        assertThatThrownBy(() -> SmsText.of("您".repeat(67 * 256), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
    }

    @Test
    void gatewayAddressesAreDigitsOnly() {
        assertThat(SmppChannel.address("+852 5555-0123")).isEqualTo("85255550123");
        assertThatThrownBy(() -> SmppChannel.address("+852 5555 0127 0000 0000 0001")).isInstanceOf(IllegalArgumentException.class);
    }
}
