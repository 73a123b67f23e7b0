package hcr.compiler.link;

/** A global object defined by a live module, with the link name and size it has in one generation. */
public record GlobalName(String moduleId, String cname, String linkName, long size) {}
