package hcr.compiler.link;

/** A function defined by a live module and the link name every reference to it uses. */
public record FunctionName(String moduleId, String cname, String linkName) {}
