package io.twinboard.bench.broker;

/** A host program the workbench needs (mosquitto, mosquitto_sub, ...) is not installed. */
public final class MissingToolException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingToolException(String message) {
        super(message);
    }
}
