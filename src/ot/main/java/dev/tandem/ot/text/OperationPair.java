package dev.tandem.ot.text;

/**
 * The result of {@link TextOperation#transform(TextOperation, TextOperation)}: {@code aPrime} is
 * {@code a} rewritten to apply after {@code b}, and {@code bPrime} is {@code b} rewritten to apply
 * after {@code a}.
 */
public record OperationPair(TextOperation aPrime, TextOperation bPrime) {
}
