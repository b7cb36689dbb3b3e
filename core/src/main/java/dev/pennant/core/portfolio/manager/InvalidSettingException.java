package dev.pennant.core.portfolio.manager;

/** A portfolio or risk setting that makes no sense; the message names the field and the rule. */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String field;

    /**
     * @param field the setting's name as shown to the user, e.g. {@code "Max per symbol"}
     * @param rule  what is wrong, e.g. {@code "must not exceed the total budget 5000 (was 6000)"}
     */
    public InvalidSettingException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    /** The setting concerned. */
    public String field() {
        return field;
    }
}
