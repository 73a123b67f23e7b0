package hcr.compiler.link;

/**
 * A global object that gets new storage in this generation instead of binding to the old one.
 *
 * @param reason why, for the user: {@code "size 16 -> 256"}, {@code "reintroduced after removal"},
 *               {@code "was a function"}
 */
public record FreshGlobal(String moduleId, String cname, String linkName, String reason) {}
