package hcr.compiler.link;

/**
 * Why a generation cannot be linked, for the user.
 *
 * @param moduleId the module that makes the problem (the second definer of a duplicate)
 * @param symbol   the C name concerned
 * @param message  e.g. {@code module 'sim': undefined reference to 'foo'}
 */
public record LinkProblem(String moduleId, String symbol, String message) {}
