package com.appealdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aCellThatBeginsLikeAFormulaIsTextInASpreadsheet() {
        assertThat(Csv.row(List.of("=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "\tx")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-2,'@SUM(A1),'\tx\r\n");
    }

    @Test
    void separatorsQuotesAndLineBreaksStayInTheirCell() {
        assertThat(Csv.row(Arrays.asList("a,b", "say \"no\"", "two\nlines", null, "2 of 5: =A1")))
                .isEqualTo("\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",,2 of 5: =A1\r\n");
    }
}
