package dev.pennant.core.exchange.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paper venue's bracket margin model against the bundled {@code /fapi/v1/leverageBracket}-shaped table, read here
 * straight from the JSON: maintenance margin = notional × maintMarginRatio − cum of the notional's bracket.
 */
class BracketMarginModelTest {

    @Test
    void maintenanceMarginFollowsTheBundledBracketsOfBtcusdt() throws Exception {
        JsonNode btc;
        try (InputStream in = getClass().getResourceAsStream("/pennant/leverage-brackets-usdm.json")) {
            btc = null;
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                if (n.get("symbol").asText().equals("BTCUSDT")) {
                    btc = n.get("brackets");
                }
            }
        }
        assertThat(btc).isNotNull();
        BracketMarginModel m = BracketMarginModel.bundled();
        for (JsonNode b : btc) {
            BigDecimal floor = b.get("notionalFloor").decimalValue();
            BigDecimal cap = b.get("notionalCap").decimalValue();
            if (cap.compareTo(new BigDecimal("1e15")) > 0) {
                continue; // "no cap" sentinel
            }
            BigDecimal mid = floor.add(cap).divide(BigDecimal.TWO);
            BigDecimal expected = mid.multiply(b.get("maintMarginRatio").decimalValue()).subtract(b.get("cum").decimalValue());
            assertThat(m.maintenanceMargin("BTCUSDT", mid)).as("bracket " + b.get("bracket"))
                    .isEqualByComparingTo(expected);
        }
        // 300,000 USDT is in bracket 3: 300,000 × 1 % − 1,300 = 1,700
        assertThat(m.maintenanceMargin("BTCUSDT", new BigDecimal("300000"))).isEqualByComparingTo("1700");
        assertThat(m.maxLeverage("BTCUSDT")).isEqualTo(btc.get(0).get("initialLeverage").asInt()).isEqualTo(125);
        assertThat(m.isLiquidation(new BigDecimal("1699.99"), m.maintenanceMargin("BTCUSDT", new BigDecimal("300000"))))
                .isTrue();
    }
}
