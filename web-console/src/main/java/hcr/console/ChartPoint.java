package hcr.console;

/** One measured edit-to-effect time, for the session's chart. */
public record ChartPoint(long timeMillis, int generation, long editToEffectMicros) {
}
