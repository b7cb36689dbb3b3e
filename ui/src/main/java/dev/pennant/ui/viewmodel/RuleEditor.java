package dev.pennant.ui.viewmodel;

import dev.pennant.core.strategy.rules.Comparison;
import dev.pennant.core.strategy.rules.Operand;
import dev.pennant.core.strategy.rules.RuleGroup;
import dev.pennant.core.strategy.rules.RuleParser;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rule of the {@code rules} strategy (e.g. the long entry) edited two ways that stay in step: rows of pickers
 * (operand, argument, comparison, operand, argument) joined by one AND/OR, and the equivalent text that
 * {@link RuleParser} reads ({@code RSI(14) < 30 AND close > SMA(200)}). Editing a row rewrites the text; typing text
 * that parses rebuilds the rows. Errors name the rule (and the row) in {@link #errorProperty()}. FX thread only.
 */
public final class RuleEditor {

    /** Right-hand operand choice meaning "a number" (the row's argument is the number). */
    public static final String VALUE = "value";

    /** Operand choices: the bar's fields ({@code close, open, high, low, volume}), then every indicator kind. */
    public static final List<String> OPERANDS;

    static {
        List<String> o = new ArrayList<>(List.of("close", "open", "high", "low", "volume"));
        for (Operand.Kind k : Operand.Kind.values()) {
            o.add(k.name());
        }
        OPERANDS = List.copyOf(o);
    }

    /**
     * One comparison as picker values. {@code leftArg}/{@code rightArg}: an indicator's period in bars, the number
     * when the operand is {@link #VALUE}, ignored for a bar field.
     */
    public static final class Row {
        private final StringProperty left = new SimpleStringProperty("RSI");
        private final StringProperty leftArg = new SimpleStringProperty("14");
        private final ObjectProperty<Comparison.Operator> op = new SimpleObjectProperty<>(Comparison.Operator.LT);
        private final StringProperty right = new SimpleStringProperty(VALUE);
        private final StringProperty rightArg = new SimpleStringProperty("30");

        /** Left operand: one of {@link #OPERANDS}. */ public StringProperty leftProperty() { return left; }
        /** Left period (bars) for an indicator. */ public StringProperty leftArgProperty() { return leftArg; }
        /** The comparison. */ public ObjectProperty<Comparison.Operator> opProperty() { return op; }
        /** Right operand: {@link #VALUE} or one of {@link #OPERANDS}. */ public StringProperty rightProperty() { return right; }
        /** Right number ({@link #VALUE}) or period (indicator). */ public StringProperty rightArgProperty() { return rightArg; }

        private Observable[] parts() {
            return new Observable[] {left, leftArg, op, right, rightArg};
        }
    }

    private final String name;
    private final boolean optional;
    private final ObservableList<Row> rows = FXCollections.observableArrayList(Row::parts);
    private final ObjectProperty<RuleGroup.Join> join = new SimpleObjectProperty<>(RuleGroup.Join.AND);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private boolean syncing;

    /**
     * @param name     field name used in errors, e.g. {@code Entry rule}
     * @param initial  starting rule text (parsed into rows)
     * @param optional true when an empty rule is allowed (an exit rule: then only stops close)
     */
    public RuleEditor(String name, String initial, boolean optional) {
        this.name = name;
        this.optional = optional;
        text.addListener((o, a, t) -> textEdited(t));
        rows.addListener((javafx.collections.ListChangeListener<Row>) c -> rowsEdited());
        join.addListener((o, a, j) -> rowsEdited());
        text.set(initial);
    }

    private void textEdited(String t) {
        if (syncing) {
            return;
        }
        if (optional && (t == null || t.isBlank())) {
            sync(() -> rows.clear());
            error.set("");
            return;
        }
        try {
            RuleGroup g = RuleParser.parse(t);
            sync(() -> {
                join.set(g.join());
                rows.setAll(g.terms().stream().map(RuleEditor::row).toList());
            });
            error.set("");
        } catch (IllegalArgumentException e) {
            error.set(name + ": " + e.getMessage());
        }
    }

    private void rowsEdited() {
        if (syncing) {
            return;
        }
        if (rows.isEmpty()) {
            sync(() -> text.set(""));
            error.set(optional ? "" : name + ": add at least one comparison");
            return;
        }
        List<Comparison> terms = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            try {
                terms.add(new Comparison(operand(r.left.get(), r.leftArg.get()), r.op.get(), operand(r.right.get(), r.rightArg.get())));
            } catch (IllegalArgumentException | NullPointerException e) {
                error.set(name + " row " + (i + 1) + ": " + e.getMessage());
                return;
            }
        }
        String t = new RuleGroup(join.get(), terms).toString();
        sync(() -> text.set(t));
        error.set("");
    }

    private void sync(Runnable r) {
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = false;
        }
    }

    private static Operand operand(String choice, String arg) {
        if (choice == null) {
            throw new IllegalArgumentException("choose an operand");
        }
        if (choice.equals(VALUE)) {
            return new Operand.Constant(BacktestLabViewModel.decimal(arg, "value").doubleValue());
        }
        if (OPERANDS.indexOf(choice) < 5) {
            return new Operand.Price(Operand.Field.valueOf(choice.toUpperCase(Locale.ROOT)));
        }
        return new Operand.Indicator(Operand.Kind.valueOf(choice), BacktestLabViewModel.integer(arg, choice + " period"));
    }

    private static Row row(Comparison c) {
        Row r = new Row();
        set(c.left(), r.left, r.leftArg);
        r.op.set(c.op());
        set(c.right(), r.right, r.rightArg);
        return r;
    }

    private static void set(Operand o, StringProperty choice, StringProperty arg) {
        switch (o) {
            case Operand.Price p -> {
                choice.set(p.toString());
                arg.set("");
            }
            case Operand.Constant k -> {
                choice.set(VALUE);
                arg.set(k.toString());
            }
            case Operand.Indicator i -> {
                choice.set(i.kind().name());
                arg.set(Integer.toString(i.period()));
            }
        }
    }

    /** Appends a row ({@code RSI(14) < 30}). */
    public void addRow() {
        rows.add(new Row());
    }

    /** The rule for a run, or {@code null} when optional and empty. @throws IllegalArgumentException the current error */
    public RuleGroup group() {
        if (!error.get().isEmpty()) {
            throw new IllegalArgumentException(error.get());
        }
        if (optional && text.get().isBlank()) {
            return null;
        }
        try {
            return RuleParser.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** The comparisons as picker rows. */ public ObservableList<Row> rows() { return rows; }
    /** AND or OR between the rows. */ public ObjectProperty<RuleGroup.Join> joinProperty() { return join; }

    /** The joins a composer offers (AND, OR). */
    public static List<RuleGroup.Join> joins() {
        return List.of(RuleGroup.Join.values());
    }

    /** The comparisons a row offers, in picker order. */
    public static List<Comparison.Operator> operators() {
        return List.of(Comparison.Operator.values());
    }

    /** Short picker labels of the comparisons (the crosses spelled as arrows, to fit a row). */
    public static javafx.util.StringConverter<Comparison.Operator> operatorLabels() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(Comparison.Operator o) {
                return o == null ? "" : switch (o) {
                    case CROSSES_ABOVE -> "crosses ↑";
                    case CROSSES_BELOW -> "crosses ↓";
                    default -> o.text();
                };
            }

            @Override
            public Comparison.Operator fromString(String s) {
                return null;
            }
        };
    }
    /** The rule as text (what {@link RuleParser} reads). */ public StringProperty textProperty() { return text; }
    /** The last parse or row error, naming the rule ("" when none). */ public StringProperty errorProperty() { return error; }
}
