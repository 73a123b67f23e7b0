package hcr.compiler.link;

import hcr.compiler.elf.ElfSymbol;
import hcr.compiler.elf.HostScope;
import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.elf.SymbolKind;
import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The persistent link-name table of one build folder (docs/internals.md section 2).
 *
 * <p>It remembers, across generations and across restarts of the dev server, what every C name
 * was called: the names live in the last committed generation (kind, link name, size), the
 * link name each function ever had, the C names ever used for a global object, the function
 * link names already in a stub library, and the C names a stub library exports. {@link #plan}
 * reads that history to name a new generation; {@link #commit} adds the generation to it once
 * it was published.
 *
 * <p>Not thread-safe: one builder owns it. The plans it returns are immutable.
 */
public final class LinkNames {
    static final String PREFIX = "hcr.";
    /** What an assembler label and a dynamic symbol can be without quoting: a C identifier. */
    private static final Pattern C_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private int generation;
    private final Map<String, LiveName> live;
    private final Map<String, String> functionNames;
    private final Set<String> objectNames;
    private final Set<String> stubbed;
    private final Set<String> exported;

    LinkNames(int generation, Map<String, LiveName> live, Map<String, String> functionNames,
              Set<String> objectNames, Set<String> stubbed, Set<String> exported) {
        this.generation = generation;
        this.live = new HashMap<>(live);
        this.functionNames = new HashMap<>(functionNames);
        this.objectNames = new HashSet<>(objectNames);
        this.stubbed = new HashSet<>(stubbed);
        this.exported = new HashSet<>(exported);
    }

    /** An empty table: a build folder that never published. */
    public static LinkNames empty() {
        return new LinkNames(0, Map.of(), Map.of(), Set.of(), Set.of(), Set.of());
    }

    /** Reads the table; an empty table if the file is missing; an error naming file and line if malformed. */
    public static LinkNames load(Path file) throws IOException {
        return LinkNamesFile.read(file);
    }

    /** Writes the table atomically (aside, then renamed over). */
    public void save(Path file) throws IOException {
        LinkNamesFile.write(file, this);
    }

    /** {@link #plan(int, Map, SystemSymbols, HostScope)} for a host whose scope defines none of the program's names. */
    public LinkPlan plan(int generation, Map<String, ObjectSymbols> liveModules, SystemSymbols system) {
        return plan(generation, liveModules, system, HostScope.none());
    }

    /**
     * Names generation {@code generation} of a program made of {@code liveModules} (module id →
     * symbols of its object) that runs in a host process whose global scope is {@code host}.
     * Does not change the table.
     *
     * @throws IllegalArgumentException when {@code generation} is not after the last committed one
     */
    public LinkPlan plan(int generation, Map<String, ObjectSymbols> liveModules, SystemSymbols system,
                         HostScope host) {
        return plan(generation, liveModules, system, host, Map.of());
    }

    /**
     * As {@link #plan(int, Map, SystemSymbols, HostScope)}, where {@code layoutChanged} names the
     * globals whose type changed layout at the same size (C name → what changed, e.g. {@code vel:
     * offset 8 → 16}, from the modules' debug info): each gets fresh storage like a resized one.
     */
    public LinkPlan plan(int generation, Map<String, ObjectSymbols> liveModules, SystemSymbols system,
                         HostScope host, Map<String, String> layoutChanged) {
        if (generation <= this.generation) {
            throw new IllegalArgumentException("generation " + generation
                    + " is not after the last committed generation " + this.generation);
        }
        var modules = new TreeMap<>(liveModules);
        var problems = new ArrayList<LinkProblem>();
        var owners = Definitions.choose(modules, problems);

        var linkNames = new TreeMap<String, String>();
        var functions = new ArrayList<FunctionName>();
        var newFunctions = new ArrayList<FunctionName>();
        var globals = new ArrayList<GlobalName>();
        var fresh = new ArrayList<FreshGlobal>();
        var exports = new ArrayList<Export>();
        var hostNames = new ArrayList<HostName>();
        for (var owner : owners.values()) {
            var symbol = owner.symbol();
            var cname = symbol.name();
            boolean newStub = false;
            if (symbol.kind() == SymbolKind.FUNCTION) {
                var name = new FunctionName(owner.moduleId(), cname, functionLinkName(cname, generation));
                functions.add(name);
                newStub = !stubbed.contains(name.linkName());
                if (newStub) {
                    newFunctions.add(name);
                }
                linkNames.put(cname, name.linkName());
            } else {
                var name = globalName(owner.moduleId(), symbol, generation, fresh, layoutChanged.get(cname));
                globals.add(name);
                linkNames.put(cname, name.linkName());
            }
            var hostLibrary = host.library(cname);
            if (hostLibrary.isPresent()) {
                hostNames.add(new HostName(owner.moduleId(), cname, hostLibrary.get()));
            } else if (exportable(cname, modules.get(owner.moduleId()))) {
                exports.add(new Export(owner.moduleId(), cname, newStub ? Export.Form.STUB_LABEL : Export.Form.INDIRECT));
            }
        }

        var renames = new TreeMap<String, Map<String, String>>();
        modules.forEach((id, symbols) -> renames.put(id, renamesOf(symbols, linkNames)));
        modules.forEach((id, symbols) -> {
            for (var reference : symbols.requiredUndefined()) {
                if (!linkNames.containsKey(reference) && !system.defines(reference)) {
                    problems.add(new LinkProblem(id, reference,
                            "module '" + id + "': undefined reference to '" + reference
                                    + "' — is a library missing from hcr.toml's link inputs?"));
                }
            }
        });
        return new LinkPlan(generation, renames, functions, newFunctions, fresh, problems, globals, exports,
                hostNames);
    }

    /**
     * A C name this generation exports for the first time: not exported before, a C identifier
     * (what can be a label), not thread-local (an indirect function cannot answer a TLS reference).
     */
    private boolean exportable(String cname, ObjectSymbols owner) {
        return !exported.contains(cname) && C_NAME.matcher(cname).matches() && !owner.threadLocals().contains(cname);
    }

    private String functionLinkName(String cname, int generation) {
        var known = functionNames.get(cname);
        if (known != null) {
            return known;
        }
        // An old library still defines data under hcr.<cname>: a stub of that name would lose to it.
        return objectNames.contains(cname) ? freshName(cname, generation) : PREFIX + cname;
    }

    /** @param layout what changed in its layout at the same size, or null when nothing did */
    private GlobalName globalName(String moduleId, ElfSymbol symbol, int generation, List<FreshGlobal> fresh,
                                  String layout) {
        var cname = symbol.name();
        var previous = live.get(cname);
        if (previous != null && previous.kind() == SymbolKind.OBJECT && previous.size() == symbol.size()
                && layout == null) {
            return new GlobalName(moduleId, cname, previous.linkName(), symbol.size());
        }
        if (previous == null && !functionNames.containsKey(cname) && !objectNames.contains(cname)) {
            return new GlobalName(moduleId, cname, PREFIX + cname, symbol.size());
        }
        String reason;
        if (previous != null && previous.kind() == SymbolKind.OBJECT && previous.size() == symbol.size()) {
            reason = FreshGlobal.LAYOUT + " (" + layout + ")";
        } else if (previous != null && previous.kind() == SymbolKind.OBJECT) {
            reason = "size " + previous.size() + " -> " + symbol.size();
        } else if (previous == null && objectNames.contains(cname)) {
            reason = "reintroduced after removal";
        } else {
            reason = "was a function";
        }
        var linkName = freshName(cname, generation);
        fresh.add(new FreshGlobal(moduleId, cname, linkName, reason));
        return new GlobalName(moduleId, cname, linkName, symbol.size());
    }

    private static String freshName(String cname, int generation) {
        return PREFIX + cname + ".g" + generation;
    }

    private static Map<String, String> renamesOf(ObjectSymbols symbols, Map<String, String> linkNames) {
        var renames = new TreeMap<String, String>();
        for (var symbol : symbols.definedGlobals()) {
            renames.put(symbol.name(), linkNames.get(symbol.name()));
        }
        for (var reference : symbols.undefined()) {
            var linkName = linkNames.get(reference);
            if (linkName != null) {
                renames.put(reference, linkName);
            }
        }
        return renames;
    }

    /**
     * Records {@code plan} as the newest generation: call it after the generation was published.
     *
     * @throws IllegalArgumentException for a plan with problems or one not after the last commit
     */
    public void commit(LinkPlan plan) {
        if (!plan.ok()) {
            throw new IllegalArgumentException("generation " + plan.generation() + " has link problems: "
                    + plan.problems().get(0).message());
        }
        if (plan.generation() <= generation) {
            throw new IllegalArgumentException("generation " + plan.generation()
                    + " is not after the last committed generation " + generation);
        }
        live.clear();
        for (var function : plan.functions()) {
            live.put(function.cname(), new LiveName(SymbolKind.FUNCTION, function.linkName(), 0));
            functionNames.put(function.cname(), function.linkName());
        }
        for (var global : plan.globals()) {
            live.put(global.cname(), new LiveName(SymbolKind.OBJECT, global.linkName(), global.size()));
            objectNames.add(global.cname());
        }
        for (var function : plan.newFunctions()) {
            stubbed.add(function.linkName());
        }
        for (var export : plan.exports()) {
            exported.add(export.cname());
        }
        generation = plan.generation();
    }

    /** The link name {@code cname} has in the last committed generation, if it is live there. */
    public Optional<String> linkName(String cname) {
        return Optional.ofNullable(live.get(cname)).map(LiveName::linkName);
    }

    /** The last committed generation, 0 if none. */
    public int generation() {
        return generation;
    }

    Map<String, LiveName> live() {
        return live;
    }

    Map<String, String> functionNames() {
        return functionNames;
    }

    Set<String> objectNames() {
        return objectNames;
    }

    Set<String> stubbed() {
        return stubbed;
    }

    Set<String> exported() {
        return exported;
    }
}
