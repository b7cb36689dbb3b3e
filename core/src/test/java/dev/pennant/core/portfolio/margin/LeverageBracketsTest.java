package dev.pennant.core.portfolio.margin;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeverageBracketsTest {

    private static final LeverageBracketTable BUNDLED = LeverageBrackets.bundled();
    private static final LeverageBrackets BTC = BUNDLED.forSymbol("BTCUSDT");
    private static final LeverageBrackets ETH = BUNDLED.forSymbol("ETHUSDT");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void bundledTableListsBtcAndEthAndFallsBackToTheDefaultTable() {
        assertThat(BUNDLED.symbols()).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        assertThat(BTC.brackets()).hasSize(10);
        assertThat(ETH.brackets()).hasSize(9);
        LeverageBrackets other = BUNDLED.forSymbol("LTCUSDT");
        assertThat(other.symbol()).isEqualTo("LTCUSDT");
        assertThat(BUNDLED.lists("LTCUSDT")).isFalse();
        assertThat(other.brackets()).isEqualTo(BUNDLED.defaultBrackets().orElseThrow().brackets());
        assertThat(other.brackets().getFirst().initialLeverage()).isEqualTo(50);
    }

    @Test
    void bundledBtcTiersAreThoseOfBinancesAnnouncement() {
        // 2021-06-22 announcement: 11-20x, 1,000,000 < Position ≤ 5,000,000, MMR 2.50 %.
        LeverageBracket b4 = BTC.brackets().get(3);
        assertThat(b4.bracket()).isEqualTo(4);
        assertThat(b4.initialLeverage()).isEqualTo(20);
        assertThat(b4.notionalFloor()).isEqualByComparingTo("1000000");
        assertThat(b4.notionalCap()).isEqualByComparingTo("5000000");
        assertThat(b4.maintMarginRatio()).isEqualByComparingTo("0.025");
        assertThat(b4.cum()).isEqualByComparingTo("16300");
        assertThat(BTC.maxNotional()).isEqualByComparingTo("500000000");
        // 2022-09-13 announcement: ETHUSDT 51-75x up to 250,000 at 0.65 %.
        assertThat(ETH.brackets().getFirst().notionalCap()).isEqualByComparingTo("250000");
        assertThat(ETH.brackets().getFirst().maintMarginRatio()).isEqualByComparingTo("0.0065");
    }

    @Test
    void lookupPutsAFloorInTheLowerBracketAndACapInsideItsOwn() {
        assertThat(BTC.bracketFor(BigDecimal.ZERO).bracket()).isEqualTo(1);
        assertThat(BTC.bracketFor(d("50000")).bracket()).isEqualTo(1);
        assertThat(BTC.bracketFor(d("50000.00000001")).bracket()).isEqualTo(2);
        assertThat(BTC.bracketFor(d("250000")).bracket()).isEqualTo(2);
        assertThat(BTC.bracketFor(d("250000.01")).bracket()).isEqualTo(3);
        assertThat(BTC.bracketFor(d("500000000")).bracket()).isEqualTo(10);
        assertThatThrownBy(() -> BTC.bracketFor(d("500000000.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the last bracket's notionalCap");
        assertThatThrownBy(() -> BTC.bracketFor(d("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notional must be ≥ 0");
    }

    @Test
    void maxLeverageFallsWithNotional() {
        assertThat(BTC.maxLeverageFor(d("10000"))).isEqualTo(125);
        assertThat(BTC.maxLeverageFor(d("50000"))).isEqualTo(125);
        assertThat(BTC.maxLeverageFor(d("50001"))).isEqualTo(100);
        assertThat(BTC.maxLeverageFor(d("3000000"))).isEqualTo(20);
        assertThat(BTC.maxLeverageFor(d("400000000"))).isEqualTo(1);
        assertThat(ETH.maxLeverageFor(d("250000"))).isEqualTo(75);
        assertThat(ETH.maxLeverageFor(d("250001"))).isEqualTo(50);
        LeverageBrackets other = BUNDLED.forSymbol("XRPUSDT");
        assertThat(other.maxLeverageFor(d("5000"))).isEqualTo(50);
        assertThat(other.maxLeverageFor(d("5000.5"))).isEqualTo(20);
        assertThat(other.maxLeverageFor(d("5000000"))).isEqualTo(1);
    }

    @Test
    void maxNotionalForLeverageIsTheCapOfTheLastBracketAllowingIt() {
        assertThat(BTC.maxNotionalFor(125)).isEqualByComparingTo("50000");
        assertThat(BTC.maxNotionalFor(101)).isEqualByComparingTo("50000");
        assertThat(BTC.maxNotionalFor(100)).isEqualByComparingTo("250000");
        assertThat(BTC.maxNotionalFor(21)).isEqualByComparingTo("1000000");
        assertThat(BTC.maxNotionalFor(20)).isEqualByComparingTo("5000000");
        assertThat(BTC.maxNotionalFor(1)).isEqualByComparingTo("500000000");
        assertThatThrownBy(() -> BTC.maxNotionalFor(126)).hasMessageContaining("exceeds the maximum 125");
        assertThatThrownBy(() -> BTC.maxNotionalFor(0)).hasMessageContaining("leverage must be ≥ 1");
    }

    @Test
    void binancesPublishedExamplesHoldOnTheBundledBtcTable() {
        // "if the position size of a USDT-margined BTCUSDT contract is 264,000 USDT, the MMR would be 1 %"
        assertThat(BTC.bracketFor(d("264000")).maintMarginRatio()).isEqualByComparingTo("0.01");
        // "if the position size ... is 500,000 USDT, then the maintenance amount would be 1,300 USDT"
        assertThat(BTC.bracketFor(d("500000")).cum()).isEqualByComparingTo("1300");
        // "Maintenance Amount on Level 3 = 250,000 × (1 % − 0.5 %) + 50 USDT = 1,300 USDT"
        assertThat(d("250000").multiply(d("0.005")).add(BTC.brackets().get(1).cum())).isEqualByComparingTo("1300");
        // Binance's liquidation example: "Maintenance Margin of BTCUSDT = 71200.81144 (3500032.458 × 2.50 % − 16300)"
        assertThat(BTC.maintenanceMargin(d("3500032.458"))).isEqualByComparingTo("71200.81145")
                .isCloseTo(d("71200.81144"), org.assertj.core.data.Offset.offset(d("0.00002")));
    }

    @Test
    void maintenanceMarginIsNotionalTimesRateMinusCum() {
        assertThat(BTC.maintenanceMargin(d("40000"))).isEqualByComparingTo("160");          // 40,000 × 0.4 %
        assertThat(BTC.maintenanceMargin(d("100000"))).isEqualByComparingTo("450");         // × 0.5 % − 50
        assertThat(BTC.maintenanceMargin(d("30000000"))).isEqualByComparingTo("1858700");   // × 10 % − 1,141,300
        assertThat(ETH.maintenanceMargin(d("2000000"))).isEqualByComparingTo("29125");      // × 2 % − 10,875
    }

    @Test
    void everyBundledBoundaryGivesTheSameMaintenanceMarginFromBothBrackets() {
        List<LeverageBrackets> tables = List.of(BTC, ETH, BUNDLED.defaultBrackets().orElseThrow());
        int boundaries = 0;
        for (LeverageBrackets t : tables) {
            assertThat(t.cumContinuityViolations()).as(t.symbol()).isEmpty();
            for (int i = 1; i < t.brackets().size(); i++) {
                LeverageBracket below = t.brackets().get(i - 1);
                LeverageBracket above = t.brackets().get(i);
                BigDecimal edge = above.notionalFloor();
                assertThat(below.maintenanceMargin(edge)).as(t.symbol() + " at " + edge)
                        .isEqualByComparingTo(above.maintenanceMargin(edge));
                assertThat(t.maintenanceMargin(edge)).isEqualByComparingTo(below.maintenanceMargin(edge));
                boundaries++;
            }
        }
        assertThat(boundaries).isEqualTo(9 + 8 + 5);
    }

    @Test
    void aTableWithAWrongCumIsReported() {
        LeverageBrackets broken = LeverageBrackets.of("TESTUSDT", List.of(
                new LeverageBracket(1, 50, d("0"), d("5000"), d("0.01"), d("0")),
                new LeverageBracket(2, 20, d("5000"), d("25000"), d("0.025"), d("70"))));
        assertThat(broken.cumContinuityViolations()).singleElement().asString()
                .contains("at notional 5000").contains("expected 75");
    }

    @Test
    void constructionRejectsGapsAndRisingLeverage() {
        assertThatThrownBy(() -> LeverageBrackets.of("TESTUSDT", List.of(
                new LeverageBracket(1, 50, d("0"), d("5000"), d("0.01"), d("0")),
                new LeverageBracket(2, 20, d("6000"), d("25000"), d("0.025"), d("75")))))
                .hasMessageContaining("bracket 2 notionalFloor 6000 must equal bracket 1 notionalCap 5000");
        assertThatThrownBy(() -> LeverageBrackets.of("TESTUSDT", List.of(
                new LeverageBracket(1, 20, d("0"), d("5000"), d("0.01"), d("0")),
                new LeverageBracket(2, 50, d("5000"), d("25000"), d("0.025"), d("75")))))
                .hasMessageContaining("initialLeverage 50 must not exceed");
        assertThatThrownBy(() -> new LeverageBracket(1, 20, d("0"), d("5000"), d("0"), d("0")))
                .hasMessageContaining("maintMarginRatio must be in (0, 1]");
        assertThatThrownBy(() -> LeverageBrackets.of("TESTUSDT", List.of(
                new LeverageBracket(1, 20, d("100"), d("5000"), d("0.01"), d("0")))))
                .hasMessageContaining("notionalFloor must be 0");
    }

    @Test
    void parsesTheSingleSymbolResponseExampleOfBinancesDocs() {
        // developers.binance.com, USDⓈ-M "Notional and Leverage Brackets (USER_DATA)", response when symbol is sent.
        String body = """
                {
                    "symbol": "ETHUSDT",
                    "notionalCoef": 1.50,
                    "brackets": [
                        {
                            "bracket": 1,
                            "initialLeverage": 75,
                            "notionalCap": 10000,
                            "notionalFloor": 0,
                            "maintMarginRatio": 0.0065,
                            "cum":0
                        }
                    ]
                }""";
        List<LeverageBrackets> parsed = LeverageBracketParser.parse(body);
        assertThat(parsed).hasSize(1);
        LeverageBrackets eth = parsed.getFirst();
        assertThat(eth.symbol()).isEqualTo("ETHUSDT");
        assertThat(eth.notionalCoef()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("1.5"));
        assertThat(eth.brackets()).containsExactly(
                new LeverageBracket(1, 75, d("0"), d("10000"), d("0.0065"), d("0")));
        // exact decimal, not the double 0.0065000000000000002
        assertThat(eth.brackets().getFirst().maintMarginRatio().toPlainString()).isEqualTo("0.0065");
    }

    @Test
    void parsesTheArrayFormWithStringNumbers() {
        String body = """
                [{"symbol":"BTCUSDT","brackets":[
                  {"bracket":1,"initialLeverage":125,"notionalCap":"50000","notionalFloor":"0","maintMarginRatio":"0.004","cum":"0.0"},
                  {"bracket":2,"initialLeverage":100,"notionalCap":250000,"notionalFloor":50000,"maintMarginRatio":0.005,"cum":50.0}]},
                 {"symbol":"ETHUSDT","brackets":[
                  {"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0}]}]""";
        List<LeverageBrackets> parsed = LeverageBracketParser.parse(body);
        assertThat(parsed).extracting(LeverageBrackets::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(parsed.getFirst().maintenanceMargin(d("100000"))).isEqualByComparingTo("450");
        assertThat(parsed.getFirst().notionalCoef()).isEmpty();
    }

    @Test
    void parseErrorsNameThePathAndTheField() {
        assertThatThrownBy(() -> LeverageBracketParser.parse("""
                [{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"cum":0}]}]"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[0] BTCUSDT brackets[0].maintMarginRatio: missing");
        assertThatThrownBy(() -> LeverageBracketParser.parse("""
                [{"symbol":"A"},{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":"x"}]}]"""))
                .hasMessageStartingWith("[0] A brackets: missing");
        assertThatThrownBy(() -> LeverageBracketParser.parse("""
                [{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":"x"}]}]"""))
                .hasMessage("[0] BTCUSDT brackets[0].cum: 'x' is not a number");
        assertThatThrownBy(() -> LeverageBracketParser.parse("""
                [{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":12.5,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0}]}]"""))
                .hasMessage("[0] BTCUSDT brackets[0].initialLeverage: 12.5 is not a whole number");
        assertThatThrownBy(() -> LeverageBracketParser.parse("""
                [{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0},
                 {"bracket":2,"initialLeverage":100,"notionalCap":250000,"notionalFloor":60000,"maintMarginRatio":0.005,"cum":50}]}]"""))
                .hasMessageContaining("[0] BTCUSDT: bracket 2 notionalFloor 60000 must equal bracket 1 notionalCap 50000");
        assertThatThrownBy(() -> LeverageBracketParser.parse("[{\"symbol\":1}]")).hasMessage("[0] symbol: missing or not a string");
        assertThatThrownBy(() -> LeverageBracketParser.parse("not json")).hasMessageStartingWith("leverageBracket response is not JSON");
        assertThatThrownBy(() -> LeverageBracketParser.parse("42")).hasMessageContaining("must be an array or an object");
    }
}
